package io.github.vertxasterisk.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.testing.AriVerticleFixture;
import io.github.vertxasterisk.ari.testing.FakeAriServer;
import io.github.vertxasterisk.sim.testing.SelfSignedKeyStore;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} in {@code pbx.ari.url} (Asterisk's http.conf {@code tlsenable}, port 8089): REST and the
 * events WebSocket go over TLS. The server's certificate is self-signed (a PKCS#12 key store made by the
 * JDK's keytool, CN only, no alt names, as a quick self-made one often is), hence {@code tlsTrustAll}.
 */
class AriTlsTest extends AriVerticleFixture {

  @Test
  void anHttpsServerIsConnectedToAndAnswersRestCalls(@TempDir Path dir) throws Exception {
    FakeAriServer ari = startHttpsFakeAri(dir);
    String url = "https://127.0.0.1:" + ari.port() + "/ari";

    deploy(ari.ariConfig("demo-app").put("url", url).put("tlsTrustAll", true)
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));

    JsonObject settled = settledStatus();
    assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("connected");
    assertThat(settled.getString("url")).isEqualTo(url);
    assertThat(ari.socketsOpened.get()).as("events WebSocket over TLS").isEqualTo(1);
    await(service().answer("abc"));
    assertThat(ari.requestLines).contains("POST /ari/channels/abc/answer");
  }

  @Test
  void withoutTrustAllASelfSignedCertificateIsRefused(@TempDir Path dir) throws Exception {
    FakeAriServer ari = startHttpsFakeAri(dir);

    deploy(ari.ariConfig("demo-app").put("url", "https://127.0.0.1:" + ari.port() + "/ari")
      .put("reconnectInitialMs", 50).put("reconnectMaxMs", 200));

    JsonObject settled = settledStatus();
    assertThat(settled.getString("state")).as(settled.toString()).isEqualTo("disconnected");
    assertThat(settled.getString("reason")).contains("SSL");
    assertThat(ari.socketsOpened.get()).isZero();
  }

  private JsonObject settledStatus() {
    return status.awaitMatch("connected or failed", m -> !List.of("standby", "connecting").contains(m.getString("state")));
  }

  private FakeAriServer startHttpsFakeAri(Path dir) throws Exception {
    SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(dir, "ari");
    return await(new FakeAriServer(vertx, new HttpServerOptions().setSsl(true)
      .setKeyCertOptions(keyStore.pfxOptions())).start());
  }
}
