package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Any HTTP client of the node (the monitor port here; the SockJS bridge's port is the same kind of
 * server) chooses the request method: it must not become a label value of its own, or a caller grows
 * the Prometheus series without bound (NodeRuntime enables Label.HTTP_METHOD).
 */
class MonitorHttpMethodCardinalityTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private final HttpClient http = HttpClient.newHttpClient();
  private int monitorPort;

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

  private String scrape() {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
