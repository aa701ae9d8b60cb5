package io.github.vertxasterisk.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: the per-PBX counters are the holder's counts and reset only "after a takeover".
 * asterisk_ami_responses_unmatched_total is a counter: on the same holder (no takeover) it must never
 * go back, neither while the PBX is disconnected nor after the holder reconnects.
 */
class MonitorCounterResetTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String SERIES = "asterisk_ami_responses_unmatched_total{pbx=\"pbx1\"}";
  private final HttpClient http = HttpClient.newHttpClient();
  private int monitorPort;

  @Test
  void unmatchedResponsesCounterDoesNotGoBackOnAReconnectOfTheSameHolder() throws Exception {
    monitorPort = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("monitoring", new JsonObject()
      .put("enabled", true).put("port", monitorPort).put("pollIntervalMs", 100).put("infoTimeoutMs", 500)))) {
      Await.eventually(WAIT, "pbx1 up in metrics", () -> metric("asterisk_ami_up{pbx=\"pbx1\"}") == 1);
      // three responses nobody waited for
      for (int i = 0; i < 3; i++) {
        Await.await(suite.sim.ami().sendRaw("Response: Success\r\nActionID: nobody-waits-" + i + "\r\nMessage: x\r\n\r\n"));
      }
      Await.eventually(WAIT, "unmatched responses counted", () -> metric(SERIES) == 3);
      double reconnectsBefore = metric("asterisk_ami_reconnects_total{pbx=\"pbx1\"}");

      // the PBX drops the socket; the same node (no takeover) reconnects
      Await.await(suite.sim.ami().closeAllSessions());
      Await.eventually(WAIT, "reconnected", () ->
        metric("asterisk_ami_reconnects_total{pbx=\"pbx1\"}") > reconnectsBefore && metric("asterisk_ami_up{pbx=\"pbx1\"}") == 1);
      assertThat(metric(SERIES)).as("a counter of the same holder went backwards").isGreaterThanOrEqualTo(3);
    }
  }

  private double metric(String series) {
    try {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/metrics"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(body);
      return m.find() ? Double.parseDouble(m.group(1)) : -1;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
