package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Service calls that are malformed, at a high rate: answered with failures, not logged one by one. */
class BadBusRequestsLogTest extends AmiVerticleFixture {
  @Test
  void badServiceCallsDoNotFloodTheLog() {
    PbxSimulator sim = await(PbxSimulator.forTests().start(vertx));
    deploy(baseAmiConfig(sim.amiPort()).put("actionTimeoutMs", 1_500).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
    try (LogCapture log = LogCapture.of("", Level.INFO)) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        calls.add(call("no-such-method-" + i, new JsonObject()));
        calls.add(call(null, new JsonObject()));
        calls.add(call("send", new JsonObject().put("action", "Ping")));
        calls.add(call("redirect", new JsonObject().put("channel", "x")));
        calls.add(call("command", new JsonObject().put("command", 42)));
        calls.add(call("send", null));
      }
      await(Future.join(calls).otherwiseEmpty());
      assertThat(log.records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList())
        .as("records for 2400 bad calls").hasSizeLessThanOrEqualTo(20);
    }
  }

  private Future<?> call(String method, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions();
    if (method != null) {
      options.addHeader("action", method);
    }
    return vertx.eventBus().request(addresses.service(), body, options);
  }
}
