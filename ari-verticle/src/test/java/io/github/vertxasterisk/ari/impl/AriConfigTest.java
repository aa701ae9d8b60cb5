package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AriConfigTest {

  private static JsonObject config(JsonObject ari) {
    return new JsonObject().put("pbx", new JsonObject().put("id", "pbx1").put("ari", ari));
  }

  private static JsonObject ari() {
    return new JsonObject().put("username", "asterisk").put("password", "hunter2").put("apps", new JsonArray().add("demo-app"));
  }

  @Test
  void urlGivesSchemeHostPortAndBasePath() {
    AriConfig c = AriConfig.from(config(ari().put("url", "https://pbx.example.org/asterisk/ari/")));
    assertThat(c.tls).isTrue();
    assertThat(c.host).isEqualTo("pbx.example.org");
    assertThat(c.port).isEqualTo(443);
    assertThat(c.basePath).isEqualTo("/asterisk/ari");
    assertThat(c.displayUrl()).isEqualTo("https://pbx.example.org:443/asterisk/ari");
  }

  @Test
  void trailingSlashesNeverLeaveTheBaseEmpty() {
    assertThat(AriConfig.from(config(ari().put("url", "http://h:8088/"))).basePath).isEqualTo("/ari");
    assertThat(AriConfig.from(config(ari().put("url", "http://h:8088//"))).basePath).isEqualTo("/ari");
    assertThat(AriConfig.from(config(ari().put("url", "http://h:8088"))).basePath).isEqualTo("/ari");
    assertThat(AriConfig.from(config(ari().put("url", "http://h:8088/ari//"))).basePath).isEqualTo("/ari");
    assertThat(AriConfig.from(config(ari().put("url", "http://h:8088/asterisk/ari/"))).basePath).isEqualTo("/asterisk/ari");
  }

  @Test
  void defaultsAreAsteriskDefaults() {
    AriConfig c = AriConfig.from(config(ari()));
    assertThat(c.displayUrl()).isEqualTo("http://127.0.0.1:8088/ari");
    assertThat(c.subscribeAll).isFalse();
    assertThat(c.requestTimeoutMs).isEqualTo(10_000);
    assertThat(c.pingIntervalMs).isEqualTo(15_000);
    assertThat(c.addresses().service()).isEqualTo("asterisk.ari.pbx1");
  }

  @Test
  void thePasswordNeverShows() {
    assertThat(AriConfig.from(config(ari())).toString()).doesNotContain("hunter2").contains("asterisk@");
    // nor in the refusal of a URL that carries it and is wrong in another way too
    for (String url : new String[] {"ftp://admin:hunter2@pbx/ari", "http://admin:hunter2@pbx_1/ari", "http://admin:hunter 2@pbx/ari"}) {
      assertThatThrownBy(() -> AriConfig.from(config(ari().put("password", "x").put("url", url))))
        .as(url).isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter").contains("pbx.ari.url");
    }
  }

  /** Asterisk takes credentials as ?api_key=user:password too (found by review: a refusal quoted it whole). */
  @Test
  void anApiKeyInTheUrlIsRefusedAndNeverQuoted() {
    for (String url : new String[] {"htp://127.0.0.1:8088/ari?api_key=asterisk:T0pSecret",
        "http://127.0.0.1:8088/ari?api_key=asterisk:T0pSecret", "http://127.0.0.1:8088/ari?api_key=asterisk:T0pSecret&x=a b",
        "http://127.0.0.1:8088/ari#api_key=asterisk:T0pSecret", "http://127.0.0.1:8088/ari?api_key=asterisk:T0p\nT0pSecret",
        // credentials holding a '/' or an '@' (found by review)
        "http://asterisk:T0p/T0pSecret@127.0.0.1:8088/ari", "http://asterisk:T0p@T0pSecret@127.0.0.1:8088/ari"}) {
      assertThatThrownBy(() -> AriConfig.from(config(ari().put("url", url))))
        .as(url).isInstanceOf(IllegalArgumentException.class).message().doesNotContain("T0pSecret").contains("pbx.ari.url");
    }
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("url", "http://127.0.0.1:8088/ari?api_key=asterisk:T0pSecret"))))
      .hasMessage("pbx.ari.url must not carry a query or fragment (credentials: use username/password), got: http://127.0.0.1:8088/ari?***");
  }

  @Test
  void badValuesAreRefusedWithTheirKey() {
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("apps", new JsonArray()))))
      .hasMessageContaining("pbx.ari.apps");
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("apps", new JsonArray().add("a,b")))))
      .hasMessageContaining("pbx.ari.apps");
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("url", "ftp://x/ari")))).hasMessageContaining("pbx.ari.url");
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("url", "http://u:p@x/ari")))).hasMessageContaining("credentials");
    assertThatThrownBy(() -> AriConfig.from(config(ari().putNull("password")))).hasMessageContaining("pbx.ari.password");
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("pingTimeoutMs", 0)))).hasMessageContaining("pbx.ari.pingTimeoutMs");
  }

  @Test
  void aMaxEventBytesBeyondAnIntIsRefusedNotWrapped() {
    // cast to int, 2^32 used to become 0 bytes
    assertThatThrownBy(() -> AriConfig.from(config(ari().put("maxEventBytes", 4_294_967_296L))))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("pbx.ari.maxEventBytes is too large: 4294967296");
  }

  @Test
  void aBadHolderSettingIsRefusedWithTheOtherSettings() {
    assertThatThrownBy(() -> AriConfig.from(config(ari()).put("holder", new JsonObject().put("pollMs", "500"))))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("holder.pollMs must be a positive number, got a String");
  }
}
