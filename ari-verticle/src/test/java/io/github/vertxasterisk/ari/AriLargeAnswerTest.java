package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.common.FailureCode;
import org.junit.jupiter.api.Test;

/**
 * ARI.md: {@code maxResponseBytes} (default 16777216) is the largest REST answer kept. A server or proxy
 * that answers without end must not fill the holder's heap: the call fails as soon as the bound is
 * crossed, not at the deadline, and the client goes on serving calls.
 */
class AriLargeAnswerTest extends AriVerticleFixture {

  @Test
  void anAnswerOverMaxResponseBytesFailsAtOnceAndNamesTheBound() {
    FakeAriServer ari = startFakeAri();
    // a deadline far beyond the test's own: only the bound can end this call in time
    deploy(ari.ariConfig("demo-app").put("maxResponseBytes", 1024 * 1024).put("requestTimeoutMs", 600_000));
    status.awaitState("connected");
    AriService service = service();

    Throwable endless = awaitFailure(service.request("GET", "/channels/endless", null, null));
    assertThat(FailureCode.of(endless)).as(String.valueOf(endless)).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(endless.getMessage())
      .isEqualTo("asterisk-error: an answer larger than 1048576 bytes (maxResponseBytes) to GET /ari/channels/endless");
    assertThat(await(service.info()).getString("state")).isEqualTo("connected");
  }

  /**
   * The rest of an answer over the bound is not read: its connection is closed. Read and dropped, an
   * endless answer kept its connection busy for good, and five of them took the web client's whole
   * pool: every later call timed out while the state said connected (found by review).
   */
  @Test
  void callsStillWorkAfterFiveAnswersOverTheBound() {
    FakeAriServer ari = startFakeAri();
    deploy(ari.ariConfig("demo-app").put("maxResponseBytes", 64 * 1024).put("requestTimeoutMs", 2_000)
      .put("pingIntervalMs", 60_000));
    status.awaitState("connected");
    AriService service = service();
    for (int i = 0; i < 5; i++) {
      Throwable endless = awaitFailure(service.request("GET", "/channels/endless", null, null));
      assertThat(FailureCode.of(endless)).as(String.valueOf(endless)).isEqualTo(FailureCode.ASTERISK_ERROR);
    }
    assertThat(await(service.request("POST", "/channels/abc/answer", null, null)).getInteger("status")).isEqualTo(204);
  }
}
