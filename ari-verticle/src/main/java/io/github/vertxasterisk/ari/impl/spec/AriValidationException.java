package io.github.vertxasterisk.ari.impl.spec;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.vertx.core.eventbus.ReplyException;

/** A request that does not fit the declared API; nothing was sent. */
public final class AriValidationException extends RuntimeException {
  private final AriErrorCode code;

  AriValidationException(AriErrorCode code, String message) {
    // an expected outcome of bad input, not a bug: no stack trace to fill
    super(message, null, false, false);
    this.code = code;
  }

  public AriErrorCode code() {
    return code;
  }

  /** The failure a service replies with: code, and message {@code "<slug>: <message>"}. */
  public ReplyException toReplyException() {
    return code.exception(getMessage());
  }
}
