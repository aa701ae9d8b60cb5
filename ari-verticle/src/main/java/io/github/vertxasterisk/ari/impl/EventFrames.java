package io.github.vertxasterisk.ari.impl;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;

/**
 * Puts the events WebSocket's frames back together into messages, at most {@code maxBytes} each.
 * Asterisk sends each event as one frame, but RFC 6455 lets any peer or proxy fragment a message, and
 * Vert.x 5.0.8's own aggregation ({@code textMessageHandler}) dropped a fragmented message over its limit
 * with the connection left up, and after an empty first fragment failed every later message: events
 * lost while the state said connected (found by review). Here a message over the bound is reported, and
 * the session closes the connection, as for a single frame over the limit.
 */
final class EventFrames {
  private final int maxBytes;
  private final Handler<String> text;
  private final Handler<Integer> binary;
  private final Handler<String> tooLarge;
  private final String tooLargeReason;

  private boolean inMessage; // between a message's first frame and its final one
  private boolean binaryMessage;
  private Buffer fragments; // what came before this frame of the message, or null
  private boolean gaveUp; // a message was over the bound: the connection is closing, nothing after it counts

  /**
   * @param text each whole text message
   * @param binary the size of each whole binary message (ARI sends none)
   * @param tooLarge why a message was given up: more than {@code maxBytes}
   */
  EventFrames(int maxBytes, Handler<String> text, Handler<Integer> binary, Handler<String> tooLarge) {
    this.maxBytes = maxBytes;
    this.text = text;
    this.binary = binary;
    this.tooLarge = tooLarge;
    this.tooLargeReason = "an event of more than " + maxBytes + " bytes (maxEventBytes)";
  }

  void frame(WebSocketFrame frame) {
    if (gaveUp) {
      return;
    }
    if (frame.isText() || frame.isBinary()) {
      inMessage = true;
      binaryMessage = frame.isBinary();
      fragments = null;
    } else if (!frame.isContinuation() || !inMessage) {
      return; // a control frame (Vert.x answers those), or a continuation of no message
    }
    Buffer data = frame.binaryData();
    if (data.length() > maxBytes - (fragments == null ? 0 : fragments.length())) {
      fragments = null;
      gaveUp = true;
      tooLarge.handle(tooLargeReason);
      return;
    }
    if (!frame.isFinal()) {
      fragments = fragments == null ? Buffer.buffer() : fragments;
      fragments.appendBuffer(data); // a copy: the frame's own bytes are released after this call
      return;
    }
    Buffer whole = fragments == null ? data : fragments.appendBuffer(data); // the usual case: one frame
    inMessage = false;
    fragments = null;
    if (binaryMessage) {
      binary.handle(whole.length());
    } else {
      text.handle(whole.toString(StandardCharsets.UTF_8));
    }
  }
}
