package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.TlsKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;

/**
 * Where one bridge transport listens: {@code enabled}, {@code host} (default 127.0.0.1: reachable from
 * this machine only until you say otherwise), {@code port}, and optional {@code tls}: PEM
 * ({@code certPath}, {@code keyPath}) or a key store ({@code keyStorePath} ending in .p12/.pfx or .jks,
 * {@code keyStorePassword}).
 */
public record TransportConfig(boolean enabled, String host, int port, String path, JsonObject tls) {

  static TransportConfig from(JsonObject json, int defaultPort, String defaultPath) {
    return from(json, "bridge", defaultPort, defaultPath);
  }

  /** @param section where {@code json} sits, for messages: {@code bridge.tcp} */
  static TransportConfig from(JsonObject json, String section, int defaultPort, String defaultPath) {
    JsonObject j = json == null ? new JsonObject() : json;
    int port = ConfigValues.wholeInt(j, section, "port", defaultPort);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bridge port out of range: " + port);
    }
    Object tls = j.getValue("tls");
    if (tls != null && !(tls instanceof JsonObject)) {
      throw new IllegalArgumentException(section + ".tls must be an object, got a " + tls.getClass().getSimpleName());
    }
    JsonObject tlsJson = tls == null ? new JsonObject() : (JsonObject) tls;
    ConfigValues.flag(tlsJson, section + ".tls", "enabled", false); // checked here, read by applyTls
    return new TransportConfig(ConfigValues.flag(j, section, "enabled", false), j.getString("host", "127.0.0.1"), port,
      j.getString("path", defaultPath), tlsJson);
  }

  /** Turns TLS on in the server options when {@code tls.enabled}; a half-configured TLS is an error. */
  public <T extends NetServerOptions> T applyTls(T options) {
    if (!tls.getBoolean("enabled", false)) {
      return options;
    }
    options.setSsl(true);
    options.setKeyCertOptions(TlsKeys.keyCert(tls, "bridge tls"));
    return options;
  }

  /** The record's own toString would print {@code tls} whole, key store password included. */
  @Override
  public String toString() {
    JsonObject shownTls = tls == null ? null : tls.copy();
    if (shownTls != null && shownTls.containsKey("keyStorePassword")) {
      shownTls.put("keyStorePassword", "****");
    }
    return "TransportConfig[enabled=" + enabled + ", host=" + host + ", port=" + port + ", path=" + path + ", tls=" + shownTls + "]";
  }
}
