package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** AmiConfig and AriConfig never print their secret: neither may a bridge transport's key store password. */
class TransportConfigToStringTest {

  @Test
  void toStringHidesTheKeyStorePassword() {
    TransportConfig tcp = TransportConfig.from(new JsonObject().put("enabled", true).put("port", 7000)
      .put("tls", new JsonObject().put("enabled", true).put("keyStorePath", "conf/bridge.p12")
        .put("keyStorePassword", "s3cr3t-XYZ")), 7000, null);
    assertThat(tcp.toString()).contains("7000").doesNotContain("s3cr3t-XYZ");
    assertThat(tcp.tls().getString("keyStorePassword")).isEqualTo("s3cr3t-XYZ"); // still there for applyTls
  }
}
