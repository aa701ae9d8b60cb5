package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.LogCapture;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Callers of the monitor port that send garbage or reset mid-request, many times: no log line each. */
class MonitorHostileCallersLogTest {
  @Test
  void garbageAndResetsDoNotFloodTheLog() throws Exception {
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("monitoring", new JsonObject()
      .put("enabled", true).put("port", port).put("pollIntervalMs", 60_000).put("idleTimeoutMs", 500)));
         LogCapture log = LogCapture.of("", Level.INFO)) {
      Thread.sleep(500);
      int before = log.records.size();
      for (int i = 0; i < 300; i++) {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(5_000);
          OutputStream out = s.getOutputStream();
          switch (i % 3) {
            case 0 -> out.write(("\u0001\u0002 garbage " + i + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            case 1 -> out.write(("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
            default -> out.write(("GET /metrics HTTP/1.1\r\nHost: x\r\nX-" + "a".repeat(20_000) + ": b\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          }
          out.flush();
          if (i % 3 == 1) {
            s.setSoLinger(true, 0); // reset mid-request
          } else {
            InputStream in = s.getInputStream();
            while (in.read() != -1) {
              // to the end
            }
          }
        }
      }
      Thread.sleep(1_000);
      assertThat(log.records.subList(before, log.records.size()).stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList())
        .as("records for 300 hostile callers").hasSizeLessThanOrEqualTo(20);
    }
  }
}
