package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The reply addresses each SockJS client was handed (in the requests it received) and has not answered:
 * a client may answer only those. vertx-web 5.0.8's bridge keeps the reply addresses it handed out in one
 * map for all its clients, so any client that names one could answer another client's request (on an
 * unclustered node they are numbered in sequence). The TCP bridge keeps them per client itself. The
 * {@value #MAX_PER_CONNECTION} most recent are kept per client (a request waits 30 s by default).
 */
final class HandedReplies {
  static final int MAX_PER_CONNECTION = 1000;

  /** Weak keys: a closed connection's addresses go with it. */
  private final Map<Object, Set<String>> byConnection = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Notes the reply address of a message on its way to a client; refuses a send to a reply address that
   * was not handed to this client (or was answered already).
   *
   * @return null when the frame may pass
   */
  Refusal check(BridgeEventType type, Object connection, JsonObject frame) {
    if (type == BridgeEventType.RECEIVE) {
      String replyAddress = frame.getString("replyAddress");
      if (replyAddress != null) {
        handed(connection, replyAddress);
      }
      return null;
    }
    String address = frame.getString("address");
    if (type != BridgeEventType.SEND || address == null || !address.startsWith(BridgePolicy.REPLY_PREFIX)
      || answered(connection, address)) {
      return null;
    }
    return new Refusal("inbound", "address " + address + " is not the reply address of a request this client received");
  }

  private void handed(Object connection, String replyAddress) {
    Set<String> replies = byConnection.computeIfAbsent(connection, c -> new LinkedHashSet<>());
    synchronized (replies) {
      replies.add(replyAddress);
      if (replies.size() > MAX_PER_CONNECTION) {
        Iterator<String> oldest = replies.iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }

  private boolean answered(Object connection, String replyAddress) {
    Set<String> replies = byConnection.get(connection);
    if (replies == null) {
      return false;
    }
    synchronized (replies) {
      return replies.remove(replyAddress);
    }
  }
}
