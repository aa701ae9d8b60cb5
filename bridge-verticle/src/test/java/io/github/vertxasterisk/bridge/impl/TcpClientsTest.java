package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.buffer.Buffer;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link TcpClients} on its own, with sockets that only record being closed: the sweep is called directly. */
class TcpClientsTest {

  /** A very large authTimeoutMs ("never", e.g. Long.MAX_VALUE) must not wrap around into "at once". */
  @Test
  void aHugeAuthTimeoutNeverClosesAClient() {
    TcpClients clients = clients(new JsonObject().put("authTimeoutMs", Long.MAX_VALUE));
    FakeSocket client = new FakeSocket();

    assertThat(clients.admit(client.socket)).isTrue();
    clients.sweep();

    assertThat(client.closed).as("closed by the sweep right after connecting").isFalse();
  }

  /** The same for maxBlockedMs: a client that stopped reading is never closed, not closed at once. */
  @Test
  void aHugeMaxBlockedNeverClosesAStalledClient() {
    TcpClients clients = clients(new JsonObject().put("maxBlockedMs", Long.MAX_VALUE));
    FakeSocket client = new FakeSocket();
    client.writeQueueFull = true;
    clients.admit(client.socket);
    clients.clientOf(client.socket).tokenShown();

    clients.sweep(); // notes since when it has been blocked
    clients.sweep();

    assertThat(client.closed).as("closed as stalled at the second sweep").isFalse();
  }

  /**
   * At maxUnauthenticated, a new client makes room by closing the one that has waited longest for the
   * token (told why), not by being refused: idle connections cannot lock out the clients that have it.
   * A client that showed the token is never the one closed.
   */
  @Test
  void aNewClientClosesTheOneThatWaitedLongestForTheToken() {
    TcpClients clients = clients(new JsonObject().put("maxUnauthenticated", 2));
    FakeSocket authenticated = new FakeSocket();
    FakeSocket longest = new FakeSocket();
    FakeSocket next = new FakeSocket();
    FakeSocket newest = new FakeSocket();

    assertThat(clients.admit(authenticated.socket)).isTrue();
    clients.clientOf(authenticated.socket).tokenShown();
    assertThat(clients.admit(longest.socket)).isTrue();
    assertThat(clients.admit(next.socket)).isTrue();
    assertThat(clients.admit(newest.socket)).as("the newcomer is admitted").isTrue();

    assertThat(longest.closed).as("the client that waited longest").isTrue();
    assertThat(longest.frames()).singleElement().asString().contains("\"failureCode\":529").contains(
      "overloaded: 2 connections have not shown the authToken yet, the most bridge.tcp.maxUnauthenticated allows:"
        + " closing the one that has waited longest, this one");
    assertThat(authenticated.closed).as("a client that showed the token").isFalse();
    assertThat(next.closed).isFalse();
    assertThat(newest.closed).isFalse();

    FakeSocket last = new FakeSocket();
    assertThat(clients.admit(last.socket)).isTrue();
    assertThat(next.closed).as("then the next longest waiting").isTrue();
    assertThat(authenticated.closed).isFalse();
  }

  private static TcpClients clients(JsonObject tcp) {
    JsonObject node = new JsonObject().put("bridge", new JsonObject().put("authToken", "secret")
      .put("tcp", tcp.put("enabled", true)));
    return new TcpClients(BridgeConfig.from(node), BridgeMetrics.tcp(new SimpleMeterRegistry(), 0));
  }

  /** A socket that is blocked when told so, and records the frames written to it and being closed. */
  private static final class FakeSocket {
    final List<Buffer> written = new CopyOnWriteArrayList<>();
    volatile boolean closed;
    volatile boolean writeQueueFull;
    final NetSocket socket;

    FakeSocket() {
      AtomicReference<Handler<Void>> closeHandler = new AtomicReference<>();
      socket = (NetSocket) Proxy.newProxyInstance(NetSocket.class.getClassLoader(), new Class<?>[] {NetSocket.class},
        (self, method, args) -> switch (method.getName()) {
          case "closeHandler" -> {
            @SuppressWarnings("unchecked")
            Handler<Void> handler = (Handler<Void>) args[0];
            closeHandler.set(handler);
            yield self;
          }
          case "write" -> {
            written.add((Buffer) args[0]);
            yield null;
          }
          case "close" -> {
            if (!closed) {
              closed = true;
              if (closeHandler.get() != null) {
                closeHandler.get().handle(null);
              }
            }
            yield null;
          }
          case "writeQueueFull" -> writeQueueFull;
          case "equals" -> self == args[0];
          case "hashCode" -> System.identityHashCode(self);
          default -> null;
        });
    }

    /** The frames written, each without its 4-byte length. */
    List<String> frames() {
      return written.stream().map(b -> b.getString(4, b.length())).toList();
    }
  }
}
