package io.github.vertxasterisk.common;

import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Closing a socket whose peer stopped reading. Vert.x's {@link NetSocket#close()} queues the close behind
 * the writes not yet handed to the channel, and those only move when the peer reads: a peer that hung,
 * or a host gone without a reset, keeps the socket (and everything written to it meanwhile) open for
 * good. Closing the channel itself ends it at once; its close handler runs as usual.
 */
public final class SocketClose {
  private SocketClose() {
  }

  /** Closes now, dropping what is still queued for a peer that does not read it. */
  public static void now(NetSocket socket) {
    if (socket instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      socket.close();
    }
  }
}
