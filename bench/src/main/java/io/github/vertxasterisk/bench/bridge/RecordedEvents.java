package io.github.vertxasterisk.bench.bridge;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.bench.codec.RecordedStream;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.json.WireJsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of {@link RecordedStream} (real Asterisk captures) as the AMI verticle publishes them on the
 * bus: the message's JSON with {@code _meta} attached, in a {@link WireJsonObject}. Built once, before
 * measuring; the local bus copies each one it delivers.
 */
final class RecordedEvents {
  private RecordedEvents() {
  }

  static List<JsonObject> asPublished() {
    List<JsonObject> events = new ArrayList<>();
    long epoch = System.currentTimeMillis();
    AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), new AmiParser.Listener() {
      @Override
      public void banner(String amiVersion) {
      }

      @Override
      public void message(AmiMessage message) {
        if (message.isEvent()) {
          events.add(EventMeta.attach(new WireJsonObject(message.toJson().getMap()),
            EventMeta.of("pbx1", "bench-node", epoch, events.size() + 1, epoch)));
        }
      }

      @Override
      public void rejected(String reason) {
        throw new IllegalStateException("the recorded stream is valid AMI, yet: " + reason);
      }

      @Override
      public void fatal(String reason) {
        throw new IllegalStateException("the recorded stream is valid AMI, yet: " + reason);
      }
    });
    for (Buffer read : RecordedStream.reads(RecordedStream.withBanner())) {
      parser.handle(read);
    }
    if (events.size() != RecordedStream.EVENTS) {
      throw new IllegalStateException("expected " + RecordedStream.EVENTS + " events, got " + events.size());
    }
    return events;
  }
}
