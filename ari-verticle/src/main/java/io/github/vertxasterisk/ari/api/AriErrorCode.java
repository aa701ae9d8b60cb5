package io.github.vertxasterisk.ari.api;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.serviceproxy.ServiceException;

/**
 * Why an ARI call was refused before anything was sent to Asterisk: the request does not fit the
 * API that the connected Asterisk declares.
 *
 * <p>Like the suite-wide {@code FailureCode}, a refusal reaches the caller as a {@link ReplyException}
 * with {@link #code()} as failure code and a message starting with {@link #slug()}, e.g.
 * {@code "missing-parameter: channels.originate needs 'endpoint'"}. The codes (460-463) are chosen
 * apart from {@code FailureCode}'s so that a client can tell the two families apart. Never renumber.
 */
public enum AriErrorCode {
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

  public int code() {
    return code;
  }

  public String slug() {
    return slug;
  }

  /** A reply failure with this code, message {@code "<slug>: <detail>"}. */
  public ServiceException exception(String detail) {
    // A ServiceException: service proxies pass only that ReplyException type on with its code intact.
    return new ServiceException(code, slug + ": " + detail);
  }

  /** The code a failure carries, or {@code null} when it is not an ARI validation failure. */
  public static AriErrorCode of(Throwable failure) {
    if (failure instanceof ReplyException) {
      int c = ((ReplyException) failure).failureCode();
      for (AriErrorCode ec : values()) {
        if (ec.code == c) {
          return ec;
        }
      }
    }
    return null;
  }
}
