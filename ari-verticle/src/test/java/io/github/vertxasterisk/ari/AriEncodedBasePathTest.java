package io.github.vertxasterisk.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code url} whose base path holds a percent-encoded character (Asterisk's http.conf {@code prefix}
 * is free text): the path must travel as written. Decoded ("/my pbx/ari"), it is a URI the web client
 * refuses inside its pipeline without failing the request: nothing is sent, each attempt hangs until
 * requestTimeoutMs and is reported as {@code disconnected: timeout: no complete answer ...}, for ever.
 */
class AriEncodedBasePathTest extends AriVerticleFixture {

  @Test
  void aPercentEncodedBasePathIsSentAsWrittenAndTheAttemptEnds() {
    FakeAriServer ari = startFakeAri();
    deploy(ari.ariConfig("demo-app").put("url", "http://127.0.0.1:" + ari.port() + "/my%20pbx/ari")
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 100));
    // The fake serves its ARI under /ari only: under another base it is no ARI server, and says so.
    JsonObject ended = status.awaitMatch("the first attempt's outcome",
      m -> !List.of("standby", "connecting").contains(m.getString("state")));
    assertThat(ended.getString("state")).as(ended.toString()).isEqualTo("incorrect-server");
    assertThat(ari.requestLines).contains("GET /my%20pbx/ari/api-docs/resources.json");
  }
}
