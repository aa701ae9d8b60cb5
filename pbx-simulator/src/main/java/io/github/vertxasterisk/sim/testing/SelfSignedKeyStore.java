package io.github.vertxasterisk.sim.testing;

import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * For TLS tests: a self-signed RSA key for {@code CN=127.0.0.1} (no alternative names) in a PKCS#12 key
 * store, made by the JDK's own keytool, so no certificate is checked in.
 */
public record SelfSignedKeyStore(Path path, String password) {

  /** Creates {@code <alias>.p12} in {@code dir} (a test's temporary folder). */
  public static SelfSignedKeyStore create(Path dir, String alias) throws IOException, InterruptedException {
    String password = "pw-" + UUID.randomUUID();
    Path keyStore = dir.resolve(alias + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
      "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
      "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
      "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      keytool.destroyForcibly();
      throw new IOException("keytool could not make a key store in " + dir);
    }
    return new SelfSignedKeyStore(keyStore, password);
  }

  /** The key store as a Vert.x server's key. */
  public PfxOptions pfxOptions() {
    return new PfxOptions().setPath(path.toString()).setPassword(password);
  }
}
