package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** An ARI server sending StasisStart after StasisStart for an application nobody consumes must not write a line per event. */
class UnhandledStasisStartLogFloodTest extends AriVerticleFixture {
  private static final int N = 1_000;

  @Test
  void aStreamOfUnconsumedStasisStartsDoesNotFloodTheLog() {
    FakeAriServer ari = startFakeAri();
    JsonObject stasisStart = Captures.lines("01-callflow.ws.jsonl").stream()
      .filter(e -> "StasisStart".equals(e.getString("type"))).findFirst().orElseThrow();
    try (LogCapture log = LogCapture.of("io.github.vertxasterisk.ari", Level.INFO)) {
      deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000));
      status.awaitState("connected");
      for (int i = 0; i < N; i++) {
        JsonObject e = stasisStart.copy();
        e.getJsonObject("channel").put("id", "chan-" + i);
        ari.push(e);
      }
      eventually(Duration.ofSeconds(30), N + " unhandled StasisStarts counted",
        () -> await(service().info()).getLong("stasisStartsUnhandled") >= N);
      assertThat(log.records.size()).as("log records for " + N + " unconsumed StasisStarts").isLessThanOrEqualTo(20);
    }
  }
}
