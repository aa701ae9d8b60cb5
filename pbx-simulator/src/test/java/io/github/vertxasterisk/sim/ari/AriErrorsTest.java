package io.github.vertxasterisk.sim.ari;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Replays 02-errors.rest.jsonl against the simulator: same status, reason phrase and error body. */
class AriErrorsTest extends AriTestBase {

  @Test
  void everyCapturedErrorExchangeIsAnsweredTheSameWay() {
    events("app=demo-app");
    // the capture's cap-nonstasis channel was in the dialplan, not in Stasis
    assertThat(call(HttpMethod.POST, "/ari/channels?endpoint=Local/300@test&context=default&extension=s"
        + "&channelId=cap-nonstasis").status()).isEqualTo(200);
    int replayed = 0;
    for (JsonObject x : Captures.lines("02-errors.rest.jsonl")) {
      String path = x.getString("path");
      if (path.startsWith("/ari/sounds")) {
        continue; // sounds are not simulated
      }
      JsonObject headers = x.getJsonObject("request_headers");
      Resp r = call(HttpMethod.valueOf(x.getString("method")), path, x.getString("request_body"),
          headers.getString("Authorization"));
      String what = x.getString("method") + " " + path;
      assertThat(r.status()).as(what).isEqualTo(x.getInteger("status"));
      assertThat(r.reason()).as(what).isEqualTo(x.getString("reason"));
      if (x.getInteger("status") >= 400) {
        assertThat(r.text()).as(what).isEqualTo(x.getString("response_body"));
      } else if (x.getValue("response_json") instanceof JsonObject captured) {
        assertThat(Captures.keyPaths(r.json())).as(what).isEqualTo(Captures.keyPaths(captured));
      }
      replayed++;
    }
    assertThat(replayed).isEqualTo(31);
  }
}
