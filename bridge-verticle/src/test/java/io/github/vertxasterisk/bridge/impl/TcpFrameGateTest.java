package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.bridge.TcpBridgeFrames;
import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate reads frames before Vert.x's bridge, and anyone who reaches the port may send one, with or
 * without the token: what a frame costs the event loop must grow with its size, not with the number of
 * TCP reads it arrives in (a client decides that by writing it in small pieces).
 */
class TcpFrameGateTest {

  @Test
  void aLargeFrameArrivingInSmallReadsIsNotCopiedAgainOnEachRead() {
    byte[] wire = TcpBridgeFrames.encode(new JsonObject().put("type", "ping").put("body", "x".repeat(1024 * 1024)))
      .getBytes();
    List<Buffer> passedOn = new ArrayList<>();
    // no socket and no meters: a well-formed frame is only handed on, nothing is refused
    TcpFrameGate gate = new TcpFrameGate(null, passedOn::add, new TcpFrameGate.Limits(2 * 1024 * 1024, 30_000, 1L << 24), null);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int from = 0; from < wire.length; from += 1460) { // one Ethernet segment's payload per read
      gate.handle(Buffer.buffer(Arrays.copyOfRange(wire, from, Math.min(wire.length, from + 1460))));
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(passedOn).hasSize(1);
    assertThat(passedOn.get(0).length()).isEqualTo(wire.length);
    assertThat(allocated).as("bytes allocated to read a frame of %d bytes", wire.length).isLessThan(32L * wire.length);
  }

  @Test
  void aConnectionOnWhoseFrameVertxsParserThrowsIsAnsweredAndClosed() throws Exception {
    // that parser has read the frame's length and not its end: left open, it would misread what follows
    Vertx vertx = Vertx.vertx();
    try {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      BridgeMetrics metrics = BridgeMetrics.tcp(meters, 0);
      NetServer server = Await.await(vertx.createNetServer().connectHandler(socket -> socket.handler(new TcpFrameGate(
        socket, frame -> { throw new IllegalStateException("a case the gate does not know"); }, new TcpFrameGate.Limits(1024, 30_000, 1L << 24), metrics)))
        .listen(0, "127.0.0.1"));
      try (TcpBridgeClient client = new TcpBridgeClient(server.actualPort())) {
        client.write(new JsonObject().put("type", "ping"));
        JsonObject err = client.await(Duration.ofSeconds(10), "err", f -> "err".equals(f.getString("type")));
        assertThat(err.getInteger("failureCode")).isEqualTo(400);
        assertThat(err.getString("message")).startsWith("bad-request: the bridge could not handle that frame");
        assertThat(client.readToEnd(Duration.ofSeconds(10))).as("closed by the node").isTrue();
      }
      assertThat(meters.get("asterisk.bridge.frames.rejected").tag("rule", "frame").counter().count()).isEqualTo(1);
    } finally {
      Await.await(vertx.close());
    }
  }
}
