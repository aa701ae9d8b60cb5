package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.sim.testing.SelfSignedKeyStore;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.testing.TcpBridgeClient;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP bridge with {@code tls} (a PKCS#12 key store made by the JDK's keytool): a TLS client gets
 * its answers, a plain-text client gets nothing through.
 */
class TcpBridgeTlsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aTlsBridgeAnswersTlsClientsOnly(@TempDir Path dir) throws Exception {
    SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(dir, "bridge");

    int port = TestNode.freePort();
    AmiAddresses pbx1 = AmiAddresses.of(TestNode.PBX);
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port).put("tls", new JsonObject()
        .put("enabled", true).put("keyStorePath", keyStore.path().toString()).put("keyStorePassword", keyStore.password())))
      .put("services", new JsonArray().add(new JsonObject().put("address", pbx1.service())
        .put("methods", new JsonArray().add("send")).put("actions", new JsonArray().add("CoreStatus"))))))) {
      Await.eventually(WAIT, "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);

      try (TcpBridgeClient tls = new TcpBridgeClient(trustAll().getSocketFactory().createSocket("127.0.0.1", port))) {
        tls.write(new JsonObject().put("type", "send").put("address", pbx1.service()).put("replyAddress", "r1")
          .put("headers", new JsonObject().put("action", "send"))
          .put("body", new JsonObject().put("action", new JsonObject().put("Action", "CoreStatus"))));
        JsonObject reply = tls.await(WAIT, "the CoreStatus reply", f -> "r1".equals(f.getString("address")));
        assertThat(reply.getJsonObject("body").getString("Response")).isEqualTo("Success");
      }

      try (TcpBridgeClient plain = new TcpBridgeClient(port)) {
        plain.write(new JsonObject().put("type", "ping"));
        assertThatThrownBy(() -> plain.await(Duration.ofSeconds(3), "a pong over plain text",
          f -> "pong".equals(f.getString("type")))).isInstanceOfAny(java.io.IOException.class, AssertionError.class);
      }
    }
  }

  /** Tests only: the key store's certificate is self-signed. */
  private static SSLContext trustAll() throws Exception {
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return context;
  }
}
