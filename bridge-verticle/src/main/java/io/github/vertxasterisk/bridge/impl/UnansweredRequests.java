package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests one TCP bridge client was handed and has not answered. Vert.x 5.0.8's TCP bridge keeps
 * each one (the whole message) until the client answers it or disconnects, with no deadline: a client
 * that never answers, such as a Stasis handler that does not acknowledge its StasisStarts, makes the
 * node hold every request it ever received. This is what the gate needs to end them: which reply
 * addresses are open, since when, and how many bytes they hold. In arrival order, so the oldest come
 * first. One per connection, used on its event loop.
 */
final class UnansweredRequests {
  // How the bridge writes a message frame (FrameHelper.sendFrame): type, address, then the reply address
  // when there is one, then headers and body. Only the field right after the address is the frame's
  // own: headers and a body may hold a "replyAddress" of their own.
  private static final byte[] MESSAGE_START = "{\"type\":\"message\",\"address\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REPLY_FIELD = ",\"replyAddress\":\"".getBytes(StandardCharsets.US_ASCII);

  private record Handed(long atNanos, int bytes) {
  }

  private final Map<String, Handed> open = new LinkedHashMap<>();
  private long bytes;

  /** A frame on its way to the client: a request is noted. Returns the bytes now held by unanswered requests. */
  long sent(Buffer frame, long nowNanos) {
    String replyAddress = replyAddressOf(frame);
    if (replyAddress != null && open.putIfAbsent(replyAddress, new Handed(nowNanos, frame.length())) == null) {
      bytes += frame.length();
    }
    return bytes;
  }

  /** The client sent a frame to this address: if it was a request's reply address, the request is answered. */
  void answered(String address) {
    Handed handed = open.remove(address);
    if (handed != null) {
      bytes -= handed.bytes();
    }
  }

  /** The reply addresses handed out at least {@code timeoutNanos} ago, no longer counted as open. */
  List<String> takeOverdue(long nowNanos, long timeoutNanos) {
    List<String> overdue = new ArrayList<>();
    for (Iterator<Map.Entry<String, Handed>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Handed> entry = it.next();
      if (nowNanos - entry.getValue().atNanos() < timeoutNanos) {
        break; // in arrival order: the rest are younger
      }
      overdue.add(entry.getKey());
      bytes -= entry.getValue().bytes();
      it.remove();
    }
    return overdue;
  }

  /** The reply address of a message frame (4-byte length, JSON) written by Vert.x's bridge, or null. */
  static String replyAddressOf(Buffer frame) {
    if (!startsWith(frame, 4, MESSAGE_START)) {
      return null;
    }
    int afterAddress = endOfString(frame, 4 + MESSAGE_START.length);
    if (afterAddress < 0 || !startsWith(frame, afterAddress, REPLY_FIELD)) {
      return null;
    }
    int from = afterAddress + REPLY_FIELD.length;
    int end = endOfString(frame, from);
    if (end < 0) {
      return null;
    }
    String replyAddress = frame.getString(from, end - 1, "UTF-8");
    return replyAddress.indexOf('\\') >= 0 ? null : replyAddress; // Vert.x's reply addresses need no escapes
  }

  /** Just past the closing quote of the JSON string whose text starts at {@code from}, or -1. */
  private static int endOfString(Buffer frame, int from) {
    for (int i = from; i < frame.length(); i++) {
      byte b = frame.getByte(i);
      if (b == '\\') {
        i++; // the escaped character, a quote included
      } else if (b == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean startsWith(Buffer frame, int at, byte[] prefix) {
    if (at + prefix.length > frame.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (frame.getByte(at + k) != prefix[k]) {
        return false;
      }
    }
    return true;
  }
}
