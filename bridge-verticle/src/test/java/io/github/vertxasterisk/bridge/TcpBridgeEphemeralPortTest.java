package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A TCP bridge configured with port 0 binds an ephemeral port: the log must say which one (a client
 * has no other way to find it; it said 0). The client gauge counts the clients on it: Vert.x labels its
 * server meters with the configured address ({@code local="127.0.0.1:0"}), which the gauge matches.
 */
class TcpBridgeEphemeralPortTest {

  @Test
  void theLogAndTheClientGaugeUseTheBoundPort() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger log = Logger.getLogger(BridgeVerticle.class.getName());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    log.addHandler(capture);
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", 0))))) {
      Pattern line = Pattern.compile("TCP event-bus bridge on 127\\.0\\.0\\.1:(\\d+)");
      Matcher m = logged.stream().map(line::matcher).filter(Matcher::find).findFirst()
        .orElseThrow(() -> new AssertionError("no bridge line in " + logged));
      int port = Integer.parseInt(m.group(1));
      assertThat(port).as(m.group()).isPositive();
      try (TcpBridgeClient client = new TcpBridgeClient(port)) {
        client.write(new JsonObject().put("type", "ping"));
        client.await(Duration.ofSeconds(10), "pong", f -> "pong".equals(f.getString("type")));
        assertThat(suite.node.registry().get("asterisk.bridge.clients").tag("transport", "tcp").gauge().value())
          .isEqualTo(1.0);
      }
    } finally {
      log.removeHandler(capture);
    }
  }
}
