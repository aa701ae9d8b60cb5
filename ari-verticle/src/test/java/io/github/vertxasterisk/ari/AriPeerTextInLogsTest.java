package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The peer's text reaches log lines and .status on several paths: a line break in it (CR, LF, U+0085,
 * U+2028/2029) must never start a forged record. The first two were found by review.
 */
class AriPeerTextInLogsTest extends AriVerticleFixture {

  /** ApplicationReplaced's {@code application} is the peer's text, quoted in the status reason. */
  @Test
  void anApplicationReplacedCannotForgeALogLine() {
    try (LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      FakeAriServer ari = startFakeAri();
      deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000));
      status.awaitState("connected");
      ari.push(new JsonObject().put("type", "ApplicationReplaced").put("application", "demo-app\nSEVERE: ARI pbx1 auth-failed: forged")
        .put("timestamp", "2026-11-23T07:00:24.768+0000").put("asterisk_id", "02:fc:00:00:00:01"));
      status.awaitMatch("application-replaced", m -> m.getString("reason", "").startsWith("application-replaced"));
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("application-replaced"))
        .noneMatch(m -> m.contains("\n"));
    }
  }

  /** An api-docs answer that is not JSON is quoted ("snippet") with only ASCII whitespace folded. */
  @Test
  void anApiDocsAnswerThatIsNotJsonCannotForgeALogLine() {
    HttpServer html = await(vertx.createHttpServer().requestHandler(req -> req.response().putHeader("Content-Type", "text/html")
      .end("<html>oops\u2028SEVERE: ARI pbx1 auth-failed: forged\u0085SEVERE: again</html>")).listen(0, "127.0.0.1"));
    try (LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      deploy(new JsonObject().put("url", "http://127.0.0.1:" + html.actualPort() + "/ari").put("username", "u").put("password", "p")
        .put("apps", new JsonArray().add("demo-app")).put("reconnectInitialMs", 60_000).put("reconnectMaxMs", 60_000));
      status.awaitState("incorrect-server");
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("oops"))
        .noneMatch(m -> m.contains("\u2028") || m.contains("\u0085"));
    }
  }

  /** What the peer sends ends up in log lines; a line break in it must not start a forged record. */
  @Test
  void aGarbageFrameOrCloseReasonCannotForgeALogLine() {
    try (LogCapture session = LogCapture.of("io.github.vertxasterisk.ari.impl.AriSession");
         LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      FakeAriServer ari = startFakeAri();
      deploy(ari.ariConfig("demo-app").put("pingIntervalMs", 60_000).put("reconnectInitialMs", 50));
      status.awaitState("connected");
      ari.pushText("x\nSEVERE: ARI pbx1 auth-failed: forged");
      ari.closeSockets((short) 1000, "bye\nSEVERE: forged too");
      status.awaitMatch("disconnected", m -> "disconnected".equals(m.getString("state")));
      assertThat(session.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("ignored"))
        .noneMatch(m -> m.contains("\n"));
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("bye"))
        .noneMatch(m -> m.contains("\n"));
    }
  }
}
