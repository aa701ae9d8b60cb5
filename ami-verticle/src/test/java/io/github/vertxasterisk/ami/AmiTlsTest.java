package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    String password = "pw-" + UUID.randomUUID();
    Path keyStore = dir.resolve("ami.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
      "-genkeypair", "-alias", "ami", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
      "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
      "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool made a key store").isTrue();

    NetServer server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
      .setKeyCertOptions(new PfxOptions().setPath(keyStore.toString()).setPassword(password)));
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
