package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Any caller of the monitor port chooses what it sends and whether it reads: it must not grow the
 * Prometheus series (made-up HTTP methods), nor hold a connection for good (a request never finished,
 * an answer never read).
 */
class MonitorHostileCallersTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private int monitorPort;

  /**
   * A made-up request method must not become a label value of its own, or a caller grows the series
   * without bound (NodeRuntime enables Label.HTTP_METHOD; the SockJS bridge's port is the same kind of server).
   */
  @Test
  void aCallerCannotMakeSeriesWithMadeUpHttpMethods() throws Exception {
    monitorPort = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("monitoring", new JsonObject()
      .put("enabled", true).put("port", monitorPort).put("pollIntervalMs", 100).put("infoTimeoutMs", 500)))) {
      Await.eventually(WAIT, "metrics served", () -> scrape().contains("asterisk_ami_up"));
      for (int i = 0; i < 20; i++) {
        try (Socket s = new Socket("127.0.0.1", monitorPort)) {
          s.setSoTimeout(5_000);
          OutputStream out = s.getOutputStream();
          out.write(("MADEUP" + i + " /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          InputStream in = s.getInputStream();
          while (in.read() != -1) {
            // read the answer to the end
          }
        }
      }
      String body = scrape();
      long series = body.lines().filter(l -> l.startsWith("vertx_http_server_requests_total") && l.contains("MADEUP")).count();
      assertThat(series).as("series made by a caller's methods:\n" + body.lines()
        .filter(l -> l.contains("MADEUP")).limit(5).reduce("", (a, b) -> a + b + "\n")).isZero();
    }
  }

  /** A caller that never finishes its request, or never reads the answers, is closed after {@code idleTimeoutMs}. */
  @Test
  void aConnectionThatNeverFinishesOrNeverReadsIsClosed() throws Exception {
    monitorPort = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("monitoring", new JsonObject()
      .put("enabled", true).put("port", monitorPort).put("pollIntervalMs", 100).put("infoTimeoutMs", 500)
      .put("idleTimeoutMs", 500)))) {
      Await.eventually(WAIT, "metrics served", () -> scrape().contains("asterisk_ami_up"));
      double before = activeConnections(); // the scrapes' own kept-alive connection
      try (Socket halfHead = new Socket("127.0.0.1", monitorPort); Socket neverReads = new Socket()) {
        halfHead.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        neverReads.setReceiveBufferSize(4096);
        neverReads.connect(new InetSocketAddress("127.0.0.1", monitorPort));
        byte[] get = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
          for (int i = 0; i < 1_000; i++) {
            neverReads.getOutputStream().write(get);
          }
        } catch (IOException closed) {
          // a slow machine still writing when the node closed it: closed, as it should be
        }
        OutputStream trickle = halfHead.getOutputStream();
        halfHead.setSoTimeout(200); // the pace: a byte each time 200 ms pass with nothing (no close) to read
        for (int i = 0; i < 20; i++) { // a header trickled a byte at a time for 4 s, eight times idleTimeoutMs
          try {
            if (halfHead.getInputStream().read() < 0) {
              break; // closed by the node
            }
          } catch (SocketTimeoutException stillOpen) {
            // trickle on
          } catch (SocketException reset) {
            break;
          }
          try {
            trickle.write('a');
          } catch (IOException closed) {
            break;
          }
        }
        Await.eventually(WAIT, "both stalled connections closed", () -> activeConnections() == before);
        assertThat(activeConnections()).as("open connections, both stalled ones closed").isEqualTo(before);
        assertThat(closedByPeer(halfHead)).as("a connection whose request never ends, closed").isTrue();
      }
    }
  }

  /** Reads what was sent (the answers the client did not read) to the end: true when the node closed it. */
  private static boolean closedByPeer(Socket socket) throws IOException {
    socket.setSoTimeout(1_000);
    InputStream in = socket.getInputStream();
    byte[] sink = new byte[64 * 1024];
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (in.read(sink) < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketException reset) {
      return true;
    } catch (SocketTimeoutException open) {
      return false;
    }
  }

  private double activeConnections() {
    return scrape().lines().filter(l -> l.startsWith("vertx_http_server_active_connections{"))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  /**
   * GET /metrics. Once more on a fresh connection when the kept-alive one turns out closed: with a short
   * idleTimeoutMs the node closes it between two scrapes, and the client may reuse it before it sees that.
   */
  private String scrape() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/metrics"))
      .timeout(Duration.ofSeconds(5)).build();
    try {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException closedWhileIdle) {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
