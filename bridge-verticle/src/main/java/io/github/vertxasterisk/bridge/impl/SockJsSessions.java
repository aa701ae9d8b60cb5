package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.logging.Logger;

/**
 * The SockJS bridge's sessions that have not shown the {@code authToken} yet ({@link TokenWait}): each is
 * closed after {@code sockjs.authTimeoutMs}, and at most {@code sockjs.maxUnauthenticated} wait at once.
 * Counted per SockJS session, not per HTTP connection: an HTTP fallback spreads one session over several
 * requests, and a WebSocket session holds one connection for its whole life.
 */
public final class SockJsSessions {
  private static final Logger LOG = Logger.getLogger(SockJsSessions.class.getName());

  private final boolean tokenRequired;
  private final TokenWait<SockJSSocket> tokenWait;

  public SockJsSessions(BridgeConfig config, BridgeMetrics metrics) {
    this.tokenRequired = config.authRequired();
    this.tokenWait = new TokenWait<>("sockjs", config.sockjsTokenRules, metrics, LOG,
      session -> "SockJS bridge client " + session.remoteAddress(), SockJsSessions::refuse);
  }

  /** A session opened: from now on it has {@code authTimeoutMs} to show the token. */
  public void opened(SockJSSocket session) {
    if (tokenRequired) {
      tokenWait.arrived(session);
    }
  }

  /** It showed the token, or closed: it is no longer waiting. */
  public void settled(SockJSSocket session) {
    tokenWait.done(session);
  }

  /** Run periodically: closes every session that has not shown the token within {@code authTimeoutMs}. */
  public void sweep() {
    tokenWait.closeOverdue();
  }

  private static void refuse(SockJSSocket session, FailureCode code, String why) {
    // closed once the frame is out: a close right after the write would go before it
    session.write(ErrFrames.of(code, null, why).encode()).onComplete(written -> session.close());
  }
}
