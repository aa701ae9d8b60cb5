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
  // when there is one. The address is JSON-escaped and cannot hold an unescaped quote, so the first
  // occurrence of this after the address is the field itself.
  private static final byte[] MESSAGE_START = "{\"type\":\"message\",\"address\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REPLY_FIELD = "\",\"replyAddress\":\"".getBytes(StandardCharsets.US_ASCII);
  /** Where the reply address can start at the latest: an address of 200 characters, each escaped as \\uXXXX. */
  private static final int SEARCH_BYTES = 4 + MESSAGE_START.length + 6 * TcpFrameGate.MAX_ADDRESS_CHARS + REPLY_FIELD.length;

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

  /** The reply addresses handed out at or before {@code cutoffNanos}, no longer counted as open. */
  List<String> takeHandedBefore(long cutoffNanos) {
    List<String> overdue = new ArrayList<>();
    for (Iterator<Map.Entry<String, Handed>> it = open.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Handed> entry = it.next();
      if (entry.getValue().atNanos() - cutoffNanos > 0) {
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
    int end = Math.min(frame.length(), SEARCH_BYTES);
    if (!startsWith(frame, 4, MESSAGE_START)) {
      return null;
    }
    for (int i = 4 + MESSAGE_START.length; i + REPLY_FIELD.length <= end; i++) {
      if (startsWith(frame, i, REPLY_FIELD)) {
        int from = i + REPLY_FIELD.length;
        for (int j = from; j < frame.length(); j++) {
          byte b = frame.getByte(j);
          if (b == '"') {
            return frame.getString(from, j, "UTF-8");
          }
          if (b == '\\') {
            return null; // Vert.x's reply addresses need no escapes; an address that does is not one
          }
        }
        return null;
      }
    }
    return null;
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
