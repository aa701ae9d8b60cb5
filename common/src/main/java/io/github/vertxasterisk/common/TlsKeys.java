package io.github.vertxasterisk.common;

import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptionsBase;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The key (and, for the cluster's mutual TLS, the trust) of a {@code tls} config section: PEM
 * ({@code certPath} and {@code keyPath}) or a key store ({@code keyStorePath} ending in .jks, else
 * PKCS#12, with {@code keyStorePassword}).
 */
public final class TlsKeys {
  private TlsKeys() {
  }

  /** @param section where {@code tls} sits, for messages: {@code cluster.tls} */
  public static KeyCertOptions keyCert(JsonObject tls, String section) {
    String certPath = tls.getString("certPath");
    if (certPath != null) {
      return new PemKeyCertOptions().setCertPath(certPath).setKeyPath(tls.getString("keyPath"));
    }
    String keyStorePath = tls.getString("keyStorePath");
    if (keyStorePath != null) {
      return store(keyStorePath, tls.getString("keyStorePassword"));
    }
    throw new IllegalArgumentException(section + ".enabled needs certPath+keyPath (PEM) or keyStorePath");
  }

  /**
   * What a peer must present: a certificate of {@code trustStorePath} when given, else the section's own
   * certificate (every node holding the same key).
   */
  public static TrustOptions trust(JsonObject tls, String section) {
    String trustStorePath = tls.getString("trustStorePath");
    if (trustStorePath != null) {
      return store(trustStorePath, tls.getString("trustStorePassword"));
    }
    KeyCertOptions key = keyCert(tls, section);
    return key instanceof PemKeyCertOptions pem ? new PemTrustOptions().addCertPath(pem.getCertPath()) : (TrustOptions) key;
  }

  private static KeyStoreOptionsBase store(String path, String password) {
    return path.endsWith(".jks") ? new JksOptions().setPath(path).setPassword(password)
      : new PfxOptions().setPath(path).setPassword(password);
  }
}
