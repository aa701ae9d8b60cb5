package io.github.vertxasterisk.sim.ami;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test client that writes raw bytes and records every byte the simulator sends. */
final class RawAmiClient implements AutoCloseable {

  static final long TIMEOUT_MS = 5000;

  private final Object lock = new Object();
  private final StringBuilder received = new StringBuilder();
  /** Held while the client is open: Vert.x shuts down a NetClient that becomes garbage, with its sockets. */
  private NetClient client;
  private NetSocket socket;
  private boolean closed;

  static RawAmiClient connect(Vertx vertx, int port) {
    RawAmiClient c = new RawAmiClient();
    // Connect from the event loop so the handlers are attached before the first byte can be read
    // (a listener added from the test thread could run after the banner was already delivered).
    Promise<NetSocket> connected = Promise.promise();
    c.client = vertx.createNetClient();
    vertx.getOrCreateContext().runOnContext(x -> c.client.connect(port, "127.0.0.1").map(s -> {
      s.handler(b -> c.append(b.toString()));
      s.closeHandler(v -> c.markClosed());
      return s;
    }).onComplete(connected));
    c.socket = await(connected.future());
    return c;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  /** Waits on a Vert.x timer (never Thread.sleep). */
  static void pause(Vertx vertx, long ms) {
    await(vertx.timer(ms));
  }

  private void append(String s) {
    synchronized (lock) {
      received.append(s);
      lock.notifyAll();
    }
  }

  private void markClosed() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  void send(String raw) {
    await(socket.write(raw));
  }

  NetSocket socket() {
    return socket;
  }

  String text() {
    synchronized (lock) {
      return received.toString();
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  String await(Predicate<String> condition, String what) {
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    synchronized (lock) {
      while (!condition.test(received.toString())) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what + "; received:\n" + received);
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return received.toString();
    }
  }

  String awaitContains(String s) {
    return await(t -> t.contains(s), "'" + s.replace("\r\n", "\\r\\n") + "'");
  }

  /** Waits until {@code s} has been received {@code n} times. */
  String awaitCount(String s, int n) {
    return await(t -> count(t, s) >= n, n + " x '" + s.replace("\r\n", "\\r\\n") + "'");
  }

  void awaitClosed() {
    await(t -> isClosedUnlocked(), "socket close");
  }

  private boolean isClosedUnlocked() {
    return closed;
  }

  static int count(String text, String s) {
    int n = 0;
    for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
      n++;
    }
    return n;
  }

  /** Received messages (the banner line excluded), parsed back into headers. */
  List<AmiMessage> messages() {
    return parse(text());
  }

  static List<AmiMessage> parse(String text) {
    String body = text.startsWith("Asterisk Call Manager/") ? text.substring(text.indexOf("\r\n") + 2) : text;
    List<AmiMessage> out = new ArrayList<>();
    for (String block : body.split("\r\n\r\n")) {
      if (block.isEmpty()) {
        continue;
      }
      AmiMessage m = new AmiMessage();
      for (String line : block.split("\r\n")) {
        int c = line.indexOf(": ");
        m.add(c < 0 ? line : line.substring(0, c), c < 0 ? "" : line.substring(c + 2));
      }
      out.add(m);
    }
    return out;
  }

  @Override
  public void close() {
    if (!isClosed()) {
      socket.close();
    }
    client.close();
  }
}
