package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * An empty path value leaves an empty segment: Asterisk stops routing at the first empty segment, so
 * POST /channels/?endpoint=... is channels.originate (a call with an id Asterisk picks) and
 * POST /channels//answer is an originate without endpoint (400 "Endpoint must be specified").
 * An empty path parameter must be refused before anything is sent, like a missing one.
 */
class EmptyPathParameterTest {
  private final AriSpec spec = ApiDocs.simulator();

  @Test
  void anEmptyPathValueIsRefusedBeforeSending() {
    AriValidationException withId = catchThrowableOfType(AriValidationException.class,
        () -> spec.prepare("channels.originateWithId", new JsonObject().put("channelId", "")
            .put("endpoint", "Local/300@test").put("app", "demo-app")));
    assertThat(withId).as("originateWithId with channelId \"\"").isNotNull();
    assertThat(withId.code()).isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(withId).hasMessageContaining("'channelId'");

    AriValidationException answer = catchThrowableOfType(AriValidationException.class,
        () -> spec.prepare("channels.answer", new JsonObject().put("channelId", "")));
    assertThat(answer).as("answer with channelId \"\"").isNotNull();
  }
}
