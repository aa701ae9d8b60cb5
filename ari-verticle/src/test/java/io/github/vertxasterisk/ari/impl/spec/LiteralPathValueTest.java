package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Asterisk's router tries a segment's literal names before its placeholder (comparing the decoded
 * segment exactly): POST /channels/create?endpoint=... is channels.create (a channel that is not
 * dialled, with an id Asterisk picks), and /channels/create/answer is no operation (404). A path
 * value equal to such a literal must be refused before anything is sent.
 */
class LiteralPathValueTest {
  private final AriSpec spec = ApiDocs.simulator();

  private AriValidationException refused(String operation, JsonObject params) {
    return catchThrowableOfType(AriValidationException.class,
        () -> spec.prepare(operation, params));
  }

  @Test
  void aPathValueThatIsAnotherOperationsSegmentIsRefused() {
    AriValidationException withId = refused("channels.originateWithId", new JsonObject()
        .put("channelId", "create").put("endpoint", "Local/300@test").put("app", "demo-app"));
    assertThat(withId).as("originateWithId with channelId \"create\"").isNotNull();
    assertThat(withId.code()).isEqualTo(AriErrorCode.INVALID_VALUE);
    assertThat(withId).hasMessage("channels.originateWithId parameter 'channelId' cannot be"
        + " 'create': Asterisk reads /channels/create as another operation's path, not as a"
        + " channelId");
    AriValidationException answer =
        refused("channels.answer", new JsonObject().put("channelId", "create"));
    assertThat(answer).as("answer with channelId \"create\"").isNotNull();
    assertThat(answer.code()).isEqualTo(AriErrorCode.INVALID_VALUE);
  }

  @Test
  void onlyTheExactSegmentAtThatPlaceIsRefused() {
    // Asterisk compares case-sensitively, and "create" is a literal after /channels/ only
    assertThat(spec.prepare("channels.answer", new JsonObject().put("channelId", "Create")).path())
        .isEqualTo("/channels/Create/answer");
    assertThat(spec.prepare("bridges.get", new JsonObject().put("bridgeId", "create")).path())
        .isEqualTo("/bridges/create");
    assertThat(spec.prepare("channels.playWithId", new JsonObject().put("channelId", "c1")
        .put("playbackId", "create").put("media", "sound:beep")).path())
        .isEqualTo("/channels/c1/play/create");
  }

  @Test
  void aNulOrADotSegmentCannotReachAnotherOperationEither() {
    // res_ari.c decodes a segment and compares it as a C string: create%00 is create (channels.create);
    // and a proxy folding dot segments would make POST /channels/. an originate
    for (String id : new String[] {"create\u0000", "\u0000", ".", "..", "a\nb"}) {
      AriValidationException refused = refused("channels.originateWithId", new JsonObject().put("channelId", id)
          .put("endpoint", "Local/300@test").put("app", "demo-app"));
      assertThat(refused).as("channelId %s", id.replace("\u0000", "\\0")).isNotNull();
      assertThat(refused.getMessage()).contains("cannot be a dot segment or hold control characters");
    }
    assertThat(spec.prepare("channels.get", new JsonObject().put("channelId", "a.b")).path())
        .isEqualTo("/channels/a.b");
  }
}
