package io.github.vertxasterisk.ami.robustness;

import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * Peers that answer the Login as Asterisk 22 does (captures 01 and 02): a successful Login's response
 * comes in one write with the FullyBooted and SuccessfulAuth events that Asterisk sends on its own.
 */
class AsteriskLikeLoginPeerTest extends AmiVerticleFixture {
  /** A peer that hands each Login (socket, ActionID) to {@code onLogin} and ignores other actions. */
  private int peer(BiConsumer<NetSocket, String> onLogin) {
    return fakeAsterisk((socket, action) -> {
      if (HostileAmiServer.header(action, "Action").equalsIgnoreCase("Login")) {
        onLogin.accept(socket, HostileAmiServer.header(action, "ActionID"));
      }
    });
  }

  /**
   * README: "a peer that accepts the login and drops the connection each time is retried ever more
   * slowly". Asterisk's own FullyBooted/SuccessfulAuth, written with the login's response, must not count
   * as the connection proving itself (ceilings 10, 20, 40, 80, 160, 320 ms: the sixth wait is >= 160 ms).
   */
  @Test
  void aPeerThatDropsEachConnectionRightAfterAnAsteriskLoginGetsAGrowingBackoff() {
    int port = peer((socket, id) -> {
      socket.write("Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n"
        + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 1858\r\nLastReload: 1858\r\nStatus: Fully Booted\r\n\r\n"
        + "Event: SuccessfulAuth\r\nPrivilege: security,all\r\nService: AMI\r\nEventVersion: 1\r\nAccountID: admin\r\n\r\n");
      socket.close();
    });
    deploy(baseAmiConfig(port).put("reconnectInitialMs", 10).put("reconnectMaxMs", 10_000)
      .put("loginTimeoutMs", 2_000).put("keepAliveIntervalMs", 60_000));

    eventually(Duration.ofSeconds(20), "six dropped connections", () -> retries().size() >= 6);
    assertThat(retries().get(5)).as("sixth delay of " + retries()).isGreaterThanOrEqualTo(160);
  }

  /** A Login refusal's Message is the peer's text: quoted in the status reason, it must not start a forged log record. */
  @Test
  void aLoginRefusalCannotForgeALogLine() {
    try (LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      int port = peer((socket, id) -> socket.write(Buffer.buffer(("Response: Error\r\nActionID: " + id
        + "\r\nMessage: Authentication failed\u2028SEVERE: AMI pbx1 connected\u0085SEVERE: again\rSEVERE: and again\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8))));
      deploy(baseAmiConfig(port).put("loginTimeoutMs", 2_000).put("authFailedDelayMs", 60_000));
      JsonObject failed = status.awaitState("auth-failed");
      assertThat(failed.getString("reason")).contains("Authentication failed");
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("Authentication failed"))
        .noneMatch(m -> m.contains("\u2028") || m.contains("\u0085") || m.contains("\r") || m.contains("\n"));
    }
  }

  private List<Long> retries() {
    return status.messages.stream()
      .filter(m -> "disconnected".equals(m.getString("state")) && m.containsKey("retryInMs"))
      .map(m -> m.getLong("retryInMs")).toList();
  }
}
