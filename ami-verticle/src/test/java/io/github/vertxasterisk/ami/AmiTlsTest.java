package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.github.vertxasterisk.sim.testing.SelfSignedKeyStore;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tls: true} (Asterisk's manager.conf {@code tlsenable}, port 5039): the client logs in over TLS.
 * The peer's certificate is self-signed (a PKCS#12 key store made by the JDK's keytool), hence
 * {@code tlsTrustAll}.
 */
class AmiTlsTest extends AmiVerticleFixture {

  @Test
  void aTlsPeerIsLoggedInto(@TempDir Path dir) throws Exception {
    SelfSignedKeyStore keyStore = SelfSignedKeyStore.create(dir, "ami");

    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
      .setKeyCertOptions(keyStore.pfxOptions()));
    server.connectHandler(socket -> {
      socket.write("Asterisk Call Manager/11.0.0\r\n");
      socket.handler(ClientActions.handler(action -> {
        String id = action.replaceAll("(?s).*ActionID: ([^\r\n]*).*", "$1");
        socket.write("Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n");
      }));
    });
    int port = await(server.listen()).actualPort();

    deploy(baseAmiConfig(port).put("tls", true).put("tlsTrustAll", true).put("keepAliveIntervalMs", 60_000));

    JsonObject connected = status.awaitState("connected");
    assertThat(connected.getLong("epoch")).isPositive();
  }
}
