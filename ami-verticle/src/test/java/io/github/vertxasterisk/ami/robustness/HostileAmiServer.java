package io.github.vertxasterisk.ami.robustness;

import io.github.vertxasterisk.ami.testing.ClientActions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An AMI peer that misbehaves on purpose. Each connection gets the banner, then whatever the current
 * {@link Mode} says; {@link Mode#HEALTHY} answers every action with Success so a test can end by
 * checking that the client recovers. Big streams are written with backpressure (drain handler) from
 * one small reused array: nothing large is ever allocated here. SO_LINGER 0: a close is a TCP reset.
 */
final class HostileAmiServer {
  static final long HUGE_PACKET_BYTES = 100L * 1024 * 1024;
  private static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private static final int CHUNK = 64 * 1024;
  static final long RING_MS = 2_000;

  enum Mode {
    /** Answers every action with Success (Login included). */
    HEALTHY,
    /** Sends the banner, then nothing at all, and reads nothing. */
    SILENT_AFTER_BANNER,
    /** Resets the connection (RST) when the Login action arrives. */
    RESET_ON_LOGIN,
    /** Accepts the login, then reads every action and answers none (a hung manager thread in Asterisk). */
    DEAF_AFTER_LOGIN,
    /**
     * Answers every action, but a synchronous Originate (no Async) only once its call answers, after
     * {@link #RING_MS}: like Asterisk, whose session thread runs it, nothing else is answered meanwhile.
     */
    SYNC_ORIGINATE_RINGS,
    /** Accepts the login, then resets the connection at once. */
    RESET_AFTER_LOGIN,
    /** Accepts the login, then (answering nothing more) sends one line that never ends, for as long as the socket is open. */
    ENDLESS_LINE_AFTER_LOGIN,
    /** Accepts the login, then (answering nothing meanwhile) one 100 MB event (1000-byte lines), then an ordinary AfterHuge event. */
    HUGE_PACKET_AFTER_LOGIN
  }

  private volatile Mode mode;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final AtomicLong streamedBytes = new AtomicLong();
  private NetServer server;
  private Vertx vertx;

  HostileAmiServer(Mode mode) {
    this.mode = mode;
  }

  Future<Integer> start(Vertx vertx) {
    this.vertx = vertx;
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0));
    server.connectHandler(this::connected);
    return server.listen().map(NetServer::actualPort);
  }

  void mode(Mode newMode) {
    mode = newMode;
  }

  /** Connections accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** The most connections open at the same time: a client that leaks sockets would exceed 1. */
  int maxOpen() {
    return maxOpen.get();
  }

  int open() {
    return open.get();
  }

  long streamedBytes() {
    return streamedBytes.get();
  }

  private void connected(NetSocket socket) {
    Mode connectionMode = mode;
    accepted.incrementAndGet();
    maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    boolean[] closed = {false};
    boolean[] streaming = {false};
    socket.closeHandler(v -> {
      closed[0] = true;
      open.decrementAndGet();
    });
    socket.exceptionHandler(err -> { });
    socket.write(BANNER);
    if (connectionMode == Mode.SILENT_AFTER_BANNER) {
      socket.pause();
      return;
    }
    java.util.List<String> held = new java.util.ArrayList<>();
    boolean[] ringing = {false};
    socket.handler(ClientActions.handler(action -> {
      if (ringing[0]) {
        held.add(action); // the session thread is busy with the Originate
      } else if (connectionMode == Mode.SYNC_ORIGINATE_RINGS && header(action, "Action").equalsIgnoreCase("Originate")
        && header(action, "Async").isEmpty()) {
        ringing[0] = true;
        vertx.setTimer(RING_MS, id -> {
          ringing[0] = false;
          socket.write("Response: Success\r\nActionID: " + header(action, "ActionID") + "\r\nMessage: Originate successfully queued\r\n\r\n");
          held.forEach(next -> onAction(socket, connectionMode, next, closed, streaming));
          held.clear();
        });
      } else if (!streaming[0]) { // an answer written now would land in the middle of the stream
        onAction(socket, connectionMode, action, closed, streaming);
      }
    }));
  }

  private void onAction(NetSocket socket, Mode connectionMode, String action, boolean[] closed, boolean[] streaming) {
    boolean login = header(action, "Action").equalsIgnoreCase("Login");
    if (login && connectionMode == Mode.RESET_ON_LOGIN) {
      socket.close();
      return;
    }
    if (!login && connectionMode == Mode.DEAF_AFTER_LOGIN) {
      return;
    }
    socket.write("Response: Success\r\nActionID: " + header(action, "ActionID") + "\r\nMessage: "
      + (login ? "Authentication accepted" : "ok") + "\r\n\r\n");
    if (login && connectionMode == Mode.RESET_AFTER_LOGIN) {
      socket.close();
    } else if (login && connectionMode == Mode.ENDLESS_LINE_AFTER_LOGIN) {
      byte[] x = filled(CHUNK, (byte) 'x');
      streaming[0] = true;
      pump(socket, closed, streaming, () -> Buffer.buffer(x));
    } else if (login && connectionMode == Mode.HUGE_PACKET_AFTER_LOGIN) {
      streaming[0] = true;
      pump(socket, closed, streaming, hugePacket());
    }
  }

  /** "Event: Huge", then 1000-byte lines up to 100 MB, the empty line, then "Event: AfterHuge". */
  private static Supplier<Buffer> hugePacket() {
    byte[] line = filled(1000, (byte) 'y');
    System.arraycopy("Data: ".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 6);
    line[998] = '\r';
    line[999] = '\n';
    byte[] lines = new byte[64 * line.length];
    for (int i = 0; i < 64; i++) {
      System.arraycopy(line, 0, lines, i * line.length, line.length);
    }
    long[] dataSent = {-1}; // -1: the first line is not sent yet
    boolean[] done = {false};
    return () -> {
      if (done[0]) {
        return null;
      }
      if (dataSent[0] < 0) {
        dataSent[0] = 0;
        return Buffer.buffer("Event: Huge\r\nPrivilege: call,all\r\n");
      }
      if (dataSent[0] < HUGE_PACKET_BYTES) {
        dataSent[0] += lines.length;
        return Buffer.buffer(lines);
      }
      done[0] = true;
      return Buffer.buffer("\r\nEvent: AfterHuge\r\nPrivilege: call,all\r\n\r\n");
    };
  }

  /**
   * Writes what {@code next} supplies (null: done) while the socket accepts it, then waits for drain. A
   * batch at a time, then the event loop is given back: a socket the client has closed never fills up
   * (its writes fail at once), and only a loop given back runs the close handler that stops this. (Written
   * in one loop, it spun for good on a CI run with a busy machine.)
   */
  private void pump(NetSocket socket, boolean[] closed, boolean[] streaming, Supplier<Buffer> next) {
    for (int written = 0; written < 64 && !closed[0] && !socket.writeQueueFull(); written++) {
      Buffer chunk = next.get();
      if (chunk == null) {
        streaming[0] = false;
        return;
      }
      socket.write(chunk);
      streamedBytes.addAndGet(chunk.length());
    }
    if (closed[0]) {
      return;
    }
    if (socket.writeQueueFull()) {
      socket.drainHandler(v -> pump(socket, closed, streaming, next));
    } else {
      vertx.runOnContext(v -> pump(socket, closed, streaming, next));
    }
  }

  static String header(String action, String name) {
    for (String line : action.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static byte[] filled(int size, byte b) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, b);
    return bytes;
  }
}
