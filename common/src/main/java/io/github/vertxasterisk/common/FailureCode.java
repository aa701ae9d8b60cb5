package io.github.vertxasterisk.common;

/**
 * The stable failure codes every service of the suite replies with.
 *
 * <p>A failed call reaches the caller as a {@code ReplyException} whose {@code failureCode()} is
 * {@link #code()} and whose message starts with {@link #slug()} ({@link ReplyCode}), e.g.
 * {@code "timeout: no response to Ping within 5000 ms"}. Polyglot clients on the bridge see the same
 * pair ({@code failureCode}, {@code message}). Codes are part of the public contract: never renumber.
 */
public enum FailureCode implements ReplyCode {
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

  @Override
  public int code() {
    return code;
  }

  @Override
  public String slug() {
    return slug;
  }

  /** The code a failure carries, or {@code null} when it is not one of the suite's failures. */
  public static FailureCode of(Throwable failure) {
    return ReplyCode.find(values(), failure);
  }
}
