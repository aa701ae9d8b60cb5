package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.RestReplay;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request recorded against Asterisk 22.10.1 that belongs to an operation the simulated PBX
 * declares is rebuilt by {@code prepare} exactly as it was sent: same method, path, query and body.
 */
class CapturedRestReplayTest {
  /**
   * 97 recorded requests, less 5 outside the simulator's declaration (two sounds, one module, and
   * the deliberate 404 and 405 paths), the one with a malformed JSON body, and the two that
   * Asterisk refused with 400 for a missing parameter (originate's endpoint, getGlobalVar's variable).
   */
  private static final int EXPECTED_REBUILT = 89;

  @Test
  void recordedRequestsAreRebuiltExactly() {
    AriSpec spec = ApiDocs.simulator();
    List<String> rebuilt = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (Path file : Captures.files(".rest.jsonl")) {
      for (JsonObject exchange : Captures.lines(file)) {
        RestReplay.Call call = RestReplay.of(spec, exchange);
        if (call == null) {
          continue;
        }
        String what = file.getFileName() + ": " + exchange.getString("method") + " "
            + exchange.getString("path");
        try {
          PreparedRequest r = spec.prepare(call.operation().name(), call.params());
          assertThat(r.method().name()).as(what).isEqualTo(exchange.getString("method"));
          assertThat(r.path()).as(what).isEqualTo(call.path());
          assertThat(r.query()).as(what).isEqualTo(call.query());
          assertThat(r.body()).as(what).isEqualTo(call.body());
          rebuilt.add(call.operation().name());
        } catch (AriValidationException e) {
          // only a request Asterisk itself refused for a missing parameter may be refused here
          assertThat(e.code()).as(what).isEqualTo(AriErrorCode.MISSING_PARAMETER);
          assertThat(exchange.getInteger("status")).as(what).isEqualTo(400);
          refused.add(what + " -> " + e.getMessage());
        }
      }
    }
    assertThat(rebuilt).hasSize(EXPECTED_REBUILT).contains("channels.originate",
        "channels.play", "channels.record", "bridges.addChannel", "bridges.play",
        "playbacks.control", "events.userEvent", "channels.continueInDialplan",
        "channels.sendDTMF", "recordings.deleteStored", "channels.hold", "channels.startMoh",
        "asterisk.getGlobalVar", "recordings.listStored");
    assertThat(refused).containsExactlyInAnyOrder("02-errors.rest.jsonl: POST /ari/channels -> "
        + "channels.originate needs parameter 'endpoint' (query string)",
        "02-errors.rest.jsonl: GET /ari/asterisk/variable -> "
        + "asterisk.getGlobalVar needs parameter 'variable' (query string)");
  }
}
