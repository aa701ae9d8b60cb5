package io.github.vertxasterisk.ami.codec;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Hard bounds of the parser: what it buffers for one line and for one message. A peer that exceeds
 * them gets its message rejected (counted and logged), never an unbounded buffer. A header name is
 * held to 1024 bytes whatever these are (see {@link AmiParser}).
 */
public final class AmiCodecLimits {
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
  public static final int DEFAULT_MAX_HEADERS = 50_000;
  static final int MAX_VALUE_CHARS_ON_THE_BUS = StreamReadConstraints.DEFAULT_MAX_STRING_LEN;

  private final int maxLineBytes;
  private final int maxMessageBytes;
  private final int maxHeaders;

  public AmiCodecLimits(int maxLineBytes, int maxMessageBytes, int maxHeaders) {
    if (maxLineBytes < 64 || maxMessageBytes < maxLineBytes || maxHeaders < 1) {
      throw new IllegalArgumentException("need 64 <= maxLineBytes <= maxMessageBytes and maxHeaders >= 1");
    }
    // A value is at most a line; Vert.x's JSON decoder on the other nodes refuses longer strings.
    if (maxLineBytes > MAX_VALUE_CHARS_ON_THE_BUS) {
      throw new IllegalArgumentException("maxLineBytes must be at most " + MAX_VALUE_CHARS_ON_THE_BUS
        + " (the longest string Vert.x's JSON decoder reads), got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.maxMessageBytes = maxMessageBytes;
    this.maxHeaders = maxHeaders;
  }

  public static AmiCodecLimits defaults() {
    return new AmiCodecLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_HEADERS);
  }

  public int maxLineBytes() {
    return maxLineBytes;
  }

  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  public int maxHeaders() {
    return maxHeaders;
  }
}
