package io.github.vertxasterisk.bench.codec;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A realistic AMI event stream built from real Asterisk 22.10.1 captures (copied into this module's
 * resources): the events of capture 10 (50 concurrent originates), 04 (one async originate) and 05
 * (a call, status, hangup), banner and responses stripped, repeated {@link #REPEAT} times. That is
 * {@link #EVENTS} events of 16 headers and 340 bytes on average: Newexten, DeviceStateChange,
 * Newchannel, Newstate, Hangup, VarSet, DialBegin...
 */
public final class RecordedStream {
  static final List<String> CAPTURES = List.of(
    "10-burst-50-originates", "04-originate-async-local100-events", "05-call-up-coreshowchannels-status-vars-hangup");
  static final int REPEAT = 8;
  /** Checked when the stream is built: the JMH per-event figures divide by it. */
  public static final int EVENTS = 10_992;
  static final int READ_BYTES = 64 * 1024;

  private RecordedStream() {
  }

  /** The whole stream, starting with a banner line (both parsers expect one). */
  public static byte[] withBanner() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII));
    byte[] events = eventsOnly();
    for (int i = 0; i < REPEAT; i++) {
      out.writeBytes(events);
    }
    return out.toByteArray();
  }

  /** The stream cut into reads of {@value #READ_BYTES} bytes (what a socket read delivers at most). */
  public static Buffer[] reads(byte[] stream) {
    Buffer[] reads = new Buffer[(stream.length + READ_BYTES - 1) / READ_BYTES];
    for (int i = 0; i < reads.length; i++) {
      reads[i] = Buffer.buffer(Arrays.copyOfRange(stream, i * READ_BYTES, Math.min(stream.length, (i + 1) * READ_BYTES)));
    }
    return reads;
  }

  private static byte[] eventsOnly() {
    StringBuilder sb = new StringBuilder();
    int count = 0;
    for (String capture : CAPTURES) {
      String text = new String(resource("/captures/ami/" + capture + ".server.txt"), StandardCharsets.UTF_8);
      for (String message : text.split("\r\n\r\n")) {
        if (message.startsWith("Event: ")) {
          sb.append(message).append("\r\n\r\n");
          count++;
        }
      }
    }
    if (count * REPEAT != EVENTS) {
      throw new IllegalStateException("the recorded stream has " + count * REPEAT + " events, expected " + EVENTS);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = RecordedStream.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
