package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A pbx.ari.url that carries credentials is refused, and the refusal (logged by the node, printed by
 * NodeMain) must not quote them: also when the password holds '?' or '#' (the query cut came first and
 * left the part before it), or when the "//" is missing (nothing was masked at all).
 */
class AriUrlCredentialsInErrorsTest {

  private static JsonObject config(String url) {
    return new JsonObject().put("pbx", new JsonObject().put("id", "pbx1").put("ari", new JsonObject()
      .put("username", "asterisk").put("password", "x").put("apps", new JsonArray().add("demo-app")).put("url", url)));
  }

  @Test
  void credentialsInAMalformedUrlAreNeverQuoted() {
    for (String url : new String[] {
        "http://admin:s3cr3t-XYZ?tail@pbx/ari",
        "http://admin:s3cr3t-XYZ#tail@pbx/ari",
        "http:admin:s3cr3t-XYZ@pbx:8088/ari",
        "http:/admin:s3cr3t-XYZ@pbx:8088/ari"}) {
      assertThatThrownBy(() -> AriConfig.from(config(url)))
        .as(url).isInstanceOf(IllegalArgumentException.class)
        .message().contains("pbx.ari.url").doesNotContain("s3cr3t");
    }
  }
}
