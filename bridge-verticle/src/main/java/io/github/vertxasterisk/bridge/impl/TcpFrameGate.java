package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.LogSafeText;
import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.LogBudget;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Reads one TCP bridge client's frames (4-byte big-endian length + UTF-8 JSON) ahead of Vert.x's own
 * parser and passes on only the frames that parser can handle. Vert.x 5.0.8's TCP bridge trusts the
 * length (it buffers whatever a client announces) and throws inside its parser on a frame without a
 * known type, with headers that are not an object, a null header, a {@code timeout} that is not a
 * positive number, a {@code localOnly} that is not a boolean, or an unknown {@code codecName};
 * its parser then reads the next frame from the middle of that one and the connection goes silent for
 * good (and, reading a length out of JSON text, buffers up to 2 GB). The same happens on a
 * {@code failureCode} that is not a number. Here a bad frame is answered with an {@code err} frame (400
 * {@code bad-request}) and skipped; a length over {@code maxFrameBytes} is answered, and the connection
 * closed; so is a connection on whose frame Vert.x's parser throws anyway, since that parser is lost.
 * Addresses are held to {@value #MAX_ADDRESS_CHARS} characters, as vertx-web's SockJS bridge holds
 * them: each registration and each refusal's answer keeps or copies one; a request's {@code timeout} to
 * {@value #MAX_TIMEOUT_MS} ms.
 */
final class TcpFrameGate implements Handler<Buffer> {
  private static final Logger LOG = Logger.getLogger(TcpFrameGate.class.getName());
  private static final Set<String> TYPES = Set.of("send", "publish", "register", "unregister", "ping");
  private static final List<String> ADDRESS_FIELDS = List.of("address", "replyAddress");
  /** Refusals logged per connection; the rest are only counted (a hostile client cannot flood the log). */
  private static final int LOGGED_REFUSALS = 10;
  static final int MAX_ADDRESS_CHARS = 200;
  // A request keeps its reply handler on this node until answered or timed out: a client must not make
  // that "never" (an address whose consumer does not answer would then gather handlers for good).
  static final long MAX_TIMEOUT_MS = 600_000;

  private final NetSocket socket;
  private final Handler<Buffer> bridgeParser;
  private final Limits limits;
  private final BridgeMetrics metrics;
  private final UnansweredRequests unanswered = new UnansweredRequests();
  private Buffer pending = Buffer.buffer();
  private boolean closed;
  private int refusals;
  private final LogBudget logBudget;
  /** True while the gate hands Vert.x an answer of its own: the bridge's event for it is not the client's. */
  private boolean answering;

  /** What a TCP client may send and leave unanswered. */
  record Limits(int maxFrameBytes, long replyTimeoutMs, long maxUnansweredBytes) {
    static Limits of(BridgeConfig config) {
      return new Limits(config.tcpMaxFrameBytes, config.tcpReplyTimeoutMs, config.tcpMaxUnansweredBytes);
    }
  }

  TcpFrameGate(NetSocket socket, Handler<Buffer> bridgeParser, Limits limits, BridgeMetrics metrics) {
    this(socket, bridgeParser, limits, metrics, new LogBudget(3 * LOGGED_REFUSALS, 60_000));
  }

  /** @param logBudget shared by the server's connections: a client reconnecting for each bad frame gets no line per frame */
  TcpFrameGate(NetSocket socket, Handler<Buffer> bridgeParser, Limits limits, BridgeMetrics metrics, LogBudget logBudget) {
    this.logBudget = logBudget;
    this.socket = socket;
    this.bridgeParser = bridgeParser;
    this.limits = limits;
    this.metrics = metrics;
  }

  @Override
  public void handle(Buffer data) {
    if (closed) {
      return;
    }
    pending.appendBuffer(data);
    int offset = 0;
    while (pending.length() - offset >= 4) {
      int length = pending.getInt(offset);
      if (length < 0 || length > limits.maxFrameBytes()) {
        refuse(null, "a frame of " + Integer.toUnsignedString(length) + " bytes is over bridge.tcp.maxFrameBytes ("
          + limits.maxFrameBytes() + "): closing the connection");
        close();
        return;
      }
      if (pending.length() - offset - 4 < length) {
        break;
      }
      Buffer frame = pending.getBuffer(offset, offset + 4 + length);
      offset += 4 + length;
      JsonObject json = null;
      String problem;
      try {
        json = new JsonObject(frame.getString(4, frame.length(), StandardCharsets.UTF_8.name()));
        problem = problem(json);
      } catch (RuntimeException notAnObject) {
        problem = "a frame must be a JSON object";
      }
      if (problem != null) {
        Object replyAddress = json == null ? null : json.getValue("replyAddress");
        refuse(replyAddress instanceof String reply && reply.length() <= MAX_ADDRESS_CHARS ? reply : null, problem);
      } else if (!passOn(frame)) {
        return;
      }
    }
    // copied only after a frame was taken out: copying a frame that is still arriving on every read
    // would cost its size per TCP read, and a client chooses how small its reads are
    if (offset == pending.length()) {
      pending = Buffer.buffer();
    } else if (offset > 0) {
      pending = pending.getBuffer(offset, pending.length());
    }
  }

  /**
   * Vert.x's bridge wrote this frame to the client. A request is held by the bridge until the client
   * answers it; when what the client leaves unanswered holds more than {@code maxUnansweredBytes}, the
   * client is told why and closed (the bridge then lets go of all of it).
   */
  void sent(Buffer frame) {
    if (closed || unanswered.sent(frame, System.nanoTime()) <= limits.maxUnansweredBytes()) {
      return;
    }
    metrics.clientClosed("unanswered");
    LOG.warning("TCP bridge client " + socket.remoteAddress() + " leaves requests unanswered that hold more than "
      + limits.maxUnansweredBytes() + " bytes: closing it");
    writeErr(FailureCode.OVERLOADED, null, "the requests this client has not answered hold more than "
      + limits.maxUnansweredBytes() + " bytes, the most bridge.tcp.maxUnansweredBytes allows: closing the connection");
    close();
  }

  /**
   * Answers, in the client's place, every request it has left unanswered for {@code replyTimeoutMs}: the
   * requester gets a 504 {@code timeout} failure (if it still waits) and the bridge lets go of the request.
   */
  void answerOverdue(long nowNanos) {
    for (String replyAddress : unanswered.takeOverdue(nowNanos, TimeUnit.MILLISECONDS.toNanos(limits.replyTimeoutMs()))) {
      if (closed) {
        return;
      }
      JsonObject answer = ErrFrames.of(FailureCode.TIMEOUT, replyAddress, "the bridge client did not answer within "
        + limits.replyTimeoutMs() + " ms (bridge.tcp.replyTimeoutMs)").put("type", "send");
      answering = true;
      boolean passed = passOn(TcpBridgeFrames.encode(answer));
      answering = false;
      if (!passed) {
        return;
      }
    }
  }

  /**
   * The bridge let the client's send to this address through: if it was a request's reply address, the
   * request is answered. (Not on reading the frame: a send the rules refuse answers nothing, and Vert.x
   * keeps the request.)
   */
  void answered(String address) {
    unanswered.answered(address);
  }

  /** Whether the frame the bridge is handling now is the gate's own answer, not the client's. */
  boolean answering() {
    return answering;
  }

  /** The connection closed: nothing more is answered in its place or passed to its parser. */
  void connectionClosed() {
    closed = true;
    pending = Buffer.buffer();
  }

  /** Hands a checked frame to Vert.x's parser; false when that parser threw (the connection is closed). */
  private boolean passOn(Buffer frame) {
    try {
      bridgeParser.handle(frame);
      return true;
    } catch (RuntimeException e) {
      // Its parser has taken the frame's length and not its end: whatever comes next would be misread.
      metrics.rejected("frame");
      LOG.warning("TCP bridge client " + socket.remoteAddress() + ": Vert.x's bridge failed on a frame ("
        + LogSafeText.of(e) + "): closing the connection");
      writeErr(FailureCode.BAD_REQUEST, null, "the bridge could not handle that frame; the connection is closed");
      close();
      return false;
    }
  }

  /**
   * @return why Vert.x's bridge cannot handle this frame, or null when it can. It reads {@code address},
   *   {@code replyAddress} and every other header with {@code getString}, which turns any non-null value
   *   into text, so only what it cannot read is refused.
   */
  static String problem(JsonObject frame) {
    Object type = frame.getValue("type");
    if (!(type instanceof String) || !TYPES.contains(type)) {
      return "type must be one of " + String.join(", ", new TreeSet<>(TYPES)) + ", got " + LogSafeText.of(type);
    }
    for (String field : ADDRESS_FIELDS) {
      Object address = frame.getValue(field);
      if (address != null && !(address instanceof String)) {
        return field + " must be a string";
      }
      if (address != null && ((String) address).length() > MAX_ADDRESS_CHARS) {
        return field + " must be at most " + MAX_ADDRESS_CHARS + " characters";
      }
    }
    Object failureCode = frame.getValue("failureCode");
    if (failureCode != null && !(failureCode instanceof Integer || failureCode instanceof Long)) {
      return "failureCode must be a whole number";
    }
    Object headers = frame.getValue("headers");
    if (headers == null) {
      return null;
    }
    if (!(headers instanceof JsonObject)) {
      return "headers must be a JSON object";
    }
    for (Map.Entry<String, Object> header : (JsonObject) headers) {
      String name = header.getKey();
      Object value = header.getValue();
      switch (name) {
        case "timeout" -> {
          if (!(value instanceof Number) || ((Number) value).longValue() < 1 || ((Number) value).doubleValue() > MAX_TIMEOUT_MS) {
            return "header timeout must be a number of milliseconds from 1 to " + MAX_TIMEOUT_MS;
          }
        }
        case "localOnly" -> {
          if (!(value instanceof Boolean)) {
            return "header localOnly must be true or false";
          }
        }
        // a bridge message is JSON: the bus's default codecs are the right ones, a named codec never is
        case "codecName" -> {
          return "header codecName is not accepted from bridge clients";
        }
        default -> {
          if (value == null) {
            return "header " + name + " must not be null";
          }
        }
      }
    }
    return null;
  }

  private void refuse(String replyAddress, String problem) {
    metrics.rejected("frame");
    String more = ++refusals <= LOGGED_REFUSALS ? logBudget.admit() : null;
    if (more != null) {
      LOG.info("TCP bridge client " + socket.remoteAddress() + ": frame refused: " + problem
        + (refusals == LOGGED_REFUSALS ? " (further refusals on this connection are only counted)" : "") + more);
    }
    writeErr(FailureCode.BAD_REQUEST, replyAddress, problem);
  }

  private void writeErr(FailureCode code, String address, String problem) {
    socket.write(TcpBridgeFrames.encode(ErrFrames.of(code, address, problem)));
  }

  /** The gate closes the connection: nothing more is read from it, answered for it or passed on. */
  private void close() {
    connectionClosed();
    socket.close();
  }
}
