package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One round of {@link CodecAb}: the recorded stream through four fresh parsers, read by read;
 * returns the events seen. Loaded once per build, so it links against that build's codec.
 */
public final class CodecPass implements ToIntFunction<Buffer[]> {
  private static final int STREAMS_PER_ROUND = 4;

  @Override
  public int applyAsInt(Buffer[] reads) {
    return parse(reads, STREAMS_PER_ROUND, message -> { });
  }

  /**
   * The recorded stream through {@code streams} fresh parsers, read by read as a socket delivers it, each
   * message handed to {@code next}; returns the events seen (every bench of the codec times this).
   */
  static int parse(Buffer[] reads, int streams, Consumer<AmiMessage> next) {
    CountingListener counter = new CountingListener(next);
    for (int k = 0; k < streams; k++) {
      AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), counter);
      for (Buffer read : reads) {
        parser.handle(read);
      }
    }
    return counter.events;
  }
}
