package io.github.vertxasterisk.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.serviceproxy.ServiceException;

/**
 * The stable failure codes every service of the suite replies with.
 *
 * <p>A failed call reaches the caller as a {@link ReplyException} whose {@code failureCode()} is
 * {@link #code()} and whose message starts with {@link #slug()}, e.g.
 * {@code "timeout: no response to Ping within 5000 ms"}. Polyglot clients on the bridge see the same
 * pair ({@code failureCode}, {@code message}). Codes are part of the public contract: never renumber.
 */
public enum FailureCode {
  /** The request itself is wrong (missing or mistyped field); nothing was sent to Asterisk. */
  BAD_REQUEST(400, "bad-request"),
  /** The request is well formed but not allowed (e.g. an action the suite manages itself). */
  FORBIDDEN(403, "forbidden"),
  /** Asterisk answered with an error; the message carries Asterisk's own text. */
  ASTERISK_ERROR(502, "asterisk-error"),
  /** This node holds the PBX but is not logged in right now (connecting, backing off, auth failed). */
  NOT_CONNECTED(503, "not-connected"),
  /** Asterisk did not answer within the action's timeout. */
  TIMEOUT(504, "timeout"),
  /** The connection dropped while the action was in flight: its outcome is unknown. */
  DISCONNECTED(520, "disconnected"),
  /** No node of the cluster holds a connection to that PBX. */
  NO_HOLDER(521, "no-holder"),
  /** Too many actions are already waiting for an answer on this connection. */
  OVERLOADED(529, "overloaded");

  private final int code;
  private final String slug;

  FailureCode(int code, String slug) {
    this.code = code;
    this.slug = slug;
  }

  public int code() {
    return code;
  }

  public String slug() {
    return slug;
  }

  /**
   * A reply failure with this code, message {@code "<slug>: <detail>"}. A {@link ServiceException}
   * (a ReplyException) because service proxies pass only that type on with its code intact.
   */
  public ServiceException exception(String detail) {
    return new ServiceException(code, slug + ": " + detail);
  }

  /** The code a failure carries, or {@code null} when it is not one of the suite's failures. */
  public static FailureCode of(Throwable failure) {
    if (failure instanceof ReplyException) {
      int c = ((ReplyException) failure).failureCode();
      for (FailureCode fc : values()) {
        if (fc.code == c) {
          return fc;
        }
      }
    }
    return null;
  }
}
