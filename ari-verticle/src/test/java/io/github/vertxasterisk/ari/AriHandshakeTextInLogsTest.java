package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The peer's text in the HTTP head (a status line's reason phrase, a handshake header) reaches the
 * .status reason and its log line too: byte 0x85 there is U+0085 (NEL, a line break to many log
 * readers), which LogSafeText escapes everywhere else the peer's text is quoted.
 */
class AriHandshakeTextInLogsTest extends AriVerticleFixture {
  private static final String FORGED = "\u0085SEVERE: ARI pbx1 auth-failed: forged";

  /** An api-docs answer with an error status: its reason phrase is quoted in the incorrect-server reason. */
  @Test
  void aReasonPhraseCannotForgeALogLine() {
    NetServer peer = await(vertx.createNetServer().connectHandler(so -> so.handler(data -> so.write(
      latin1("HTTP/1.1 503 Busy" + FORGED + "\r\nContent-Length: 0\r\n\r\n")))).listen(0, "127.0.0.1"));
    try (LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      deploy(new JsonObject().put("url", "http://127.0.0.1:" + peer.actualPort() + "/ari").put("username", "u").put("password", "p")
        .put("apps", new JsonArray().add("demo-app")).put("reconnectInitialMs", 60_000).put("reconnectMaxMs", 60_000));
      status.awaitState("incorrect-server");
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("503"))
        .noneMatch(m -> m.contains("\u0085"));
    }
  }

  /**
   * The events upgrade answered 101 with a wrong Upgrade header: Netty's handshake failure quotes the
   * header's value, and the disconnected reason quotes that failure.
   */
  @Test
  void aHandshakeHeaderCannotForgeALogLine() {
    FakeAriServer ari = startFakeAri();
    NetClient toAri = vertx.createNetClient();
    // In front of the fake: everything is passed through, except the events upgrade, answered here.
    NetServer front = await(vertx.createNetServer().connectHandler(so -> {
      so.pause();
      so.handler(first -> {
        if (first.toString(StandardCharsets.ISO_8859_1).startsWith("GET /ari/events")) {
          so.write(latin1("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x" + FORGED
            + "\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: x\r\n\r\n"));
          return;
        }
        so.pause();
        toAri.connect(ari.port(), "127.0.0.1").onSuccess(back -> {
          back.write(first);
          pipe(so, back);
          pipe(back, so);
        });
      });
      so.resume();
    }).listen(0, "127.0.0.1"));
    try (LogCapture statusLog = LogCapture.of("io.github.vertxasterisk.common.StatusChannel")) {
      deploy(ari.ariConfig("demo-app").put("url", "http://127.0.0.1:" + front.actualPort() + "/ari")
        .put("reconnectInitialMs", 60_000).put("reconnectMaxMs", 60_000));
      JsonObject failed = status.awaitState("disconnected");
      assertThat(failed.getString("reason")).startsWith("events WebSocket");
      assertThat(statusLog.records).extracting(LogRecord::getMessage).anyMatch(m -> m.contains("events WebSocket"))
        .noneMatch(m -> m.contains("\u0085"));
    }
  }

  private static void pipe(NetSocket from, NetSocket to) {
    from.handler(to::write);
    from.closeHandler(v -> to.close());
    from.resume();
  }

  private static Buffer latin1(String text) {
    return Buffer.buffer(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
