package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.util.function.ToIntFunction;

/**
 * One round of {@link CodecAb}: the recorded stream through four fresh parsers, read by read;
 * returns the events seen. Loaded once per build, so it links against that build's codec.
 */
public final class CodecPass implements ToIntFunction<Buffer[]>, AmiParser.Listener {
  private static final int STREAMS_PER_ROUND = 4;
  private int events;

  @Override
  public int applyAsInt(Buffer[] reads) {
    events = 0;
    for (int k = 0; k < STREAMS_PER_ROUND; k++) {
      AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), this);
      for (Buffer read : reads) {
        parser.handle(read);
      }
    }
    return events;
  }

  @Override
  public void banner(String amiVersion) {
  }

  @Override
  public void message(AmiMessage message) {
    if (message.isEvent()) {
      events++;
    }
  }

  @Override
  public void rejected(String reason) {
    throw new IllegalStateException("the recorded stream is valid AMI, yet: " + reason);
  }

  @Override
  public void fatal(String reason) {
    throw new IllegalStateException(reason);
  }
}
