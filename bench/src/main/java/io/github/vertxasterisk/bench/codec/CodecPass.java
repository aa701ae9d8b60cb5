package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.util.function.ToIntFunction;

/**
 * One round of {@link CodecAb}: the recorded stream through four fresh parsers, read by read;
 * returns the events seen. Loaded once per build, so it links against that build's codec.
 */
public final class CodecPass implements ToIntFunction<Buffer[]> {
  private static final int STREAMS_PER_ROUND = 4;

  @Override
  public int applyAsInt(Buffer[] reads) {
    CountingListener counter = new CountingListener(message -> { });
    for (int k = 0; k < STREAMS_PER_ROUND; k++) {
      AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), counter);
      for (Buffer read : reads) {
        parser.handle(read);
      }
    }
    return counter.events;
  }
}
