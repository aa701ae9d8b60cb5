package io.github.vertxasterisk.ari.api;

import io.github.vertxasterisk.common.ReplyCode;

/**
 * Why an ARI call was refused before anything was sent to Asterisk: the request does not fit the
 * API that the connected Asterisk declares.
 *
 * <p>Like the suite-wide {@code FailureCode} (both are {@link ReplyCode}s), a refusal reaches the caller as a {@code ReplyException}
 * with {@link #code()} as failure code and a message starting with {@link #slug()}, e.g.
 * {@code "missing-parameter: channels.originate needs 'endpoint'"}. The codes (460-463) are chosen
 * apart from {@code FailureCode}'s so that a client can tell the two families apart. Never renumber.
 */
public enum AriErrorCode implements ReplyCode {
  /** No operation of that name in the connected Asterisk's API (the message suggests close names). */
  UNKNOWN_OPERATION(460, "unknown-operation"),
  /** A required parameter is absent (the message names it and the operation). */
  MISSING_PARAMETER(461, "missing-parameter"),
  /** A parameter that the operation does not declare. */
  UNKNOWN_PARAMETER(462, "unknown-parameter"),
  /** A value of the wrong type, outside its allowed list or range, or not representable in ARI. */
  INVALID_VALUE(463, "invalid-value");

  private final int code;
  private final String slug;

  AriErrorCode(int code, String slug) {
    this.code = code;
    this.slug = slug;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String slug() {
    return slug;
  }

  /** The code a failure carries, or {@code null} when it is not an ARI validation failure. */
  public static AriErrorCode of(Throwable failure) {
    return ReplyCode.find(values(), failure);
  }
}
