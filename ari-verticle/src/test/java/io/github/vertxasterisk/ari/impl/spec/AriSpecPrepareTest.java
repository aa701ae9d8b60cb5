package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AriSpecPrepareTest {
  private static AriSpec spec;

  @BeforeAll
  static void load() {
    spec = ApiDocs.simulator();
  }

  private static AriValidationException refused(String operation, JsonObject params) {
    return catchThrowableOfType(AriValidationException.class,
        () -> spec.prepare(operation, params));
  }

  @Test
  void originateAsRecordedFromAsterisk() {
    // the first originate of captures/ari/01-callflow.rest.jsonl
    PreparedRequest r = spec.prepare("channels.originate", new JsonObject()
        .put("endpoint", "Local/400@test").put("app", "demo-app").put("appArgs", "first,second")
        .put("callerId", "Cap Test <1234>").put("timeout", 30)
        .put("variables", new JsonObject().put("CAPVAR", "from-body")));
    assertThat(r.operation()).isEqualTo("channels.originate");
    assertThat(r.method()).isEqualTo(HttpMethod.POST);
    assertThat(r.path()).isEqualTo("/channels");
    // declaration order, values not encoded (the HTTP client encodes them)
    assertThat(r.query()).containsExactly(Map.entry("endpoint", "Local/400@test"),
        Map.entry("app", "demo-app"), Map.entry("appArgs", "first,second"),
        Map.entry("callerId", "Cap Test <1234>"), Map.entry("timeout", "30"));
    assertThat(r.body()).isEqualTo(new JsonObject()
        .put("variables", new JsonObject().put("CAPVAR", "from-body")));
    assertThat(r.binaryResponse()).isFalse();
  }

  @Test
  void pathParametersAreSubstitutedAndEncodedAndNotRepeatedInTheQuery() {
    PreparedRequest r = spec.prepare("channels.playWithId", new JsonObject()
        .put("channelId", "a b/c?d%é").put("playbackId", "pb-1").put("media", "sound:beep"));
    assertThat(r.path()).isEqualTo("/channels/a%20b%2Fc%3Fd%25%C3%A9/play/pb-1");
    assertThat(r.query()).containsExactly(Map.entry("media", "sound:beep"));
    assertThat(r.body()).isNull();
  }

  @Test
  void listsAreSentCommaSeparated() {
    PreparedRequest fromArray = spec.prepare("channels.play", new JsonObject()
        .put("channelId", "c1").put("media", new JsonArray().add("sound:hello-world").add("sound:beep")));
    assertThat(fromArray.query()).containsEntry("media", "sound:hello-world,sound:beep");
    PreparedRequest fromText = spec.prepare("bridges.addChannel", new JsonObject()
        .put("bridgeId", "b1").put("channel", "1795417224.172,cap-chan-2"));
    assertThat(fromText.query()).containsEntry("channel", "1795417224.172,cap-chan-2");
    PreparedRequest only = spec.prepare("asterisk.getInfo",
        new JsonObject().put("only", new JsonArray().add("build").add("system")));
    assertThat(only.query()).containsEntry("only", "build,system");
  }

  @Test
  void everyListItemIsChecked() {
    assertThat(refused("asterisk.getInfo", new JsonObject().put("only", "build,nope")))
        .satisfies(e -> assertThat(e.code()).isEqualTo(AriErrorCode.INVALID_VALUE))
        .hasMessageContaining("'only'").hasMessageContaining("'nope'")
        .hasMessageContaining("[build, system, config, status]");
    assertThat(refused("channels.play", new JsonObject().put("channelId", "c")
        .put("media", new JsonArray().add("sound:a,sound:b"))))
        .satisfies(e -> assertThat(e.code()).isEqualTo(AriErrorCode.INVALID_VALUE))
        .hasMessageContaining("cannot contain ','");
  }

  @Test
  void missingRequiredParameterNamesItAndTheOperation() {
    AriValidationException e = refused("channels.originate", new JsonObject().put("app", "demo-app"));
    assertThat(e.code()).isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(e).hasMessage("channels.originate needs parameter 'endpoint' (query string)");
    assertThat(refused("channels.answer", new JsonObject()))
        .hasMessage("channels.answer needs parameter 'channelId' (path string)");
    // null and an empty list count as absent
    assertThat(refused("channels.originate", new JsonObject().put("endpoint", null)).code())
        .isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(refused("channels.play",
        new JsonObject().put("channelId", "c").put("media", new JsonArray())))
        .hasMessageContaining("'media' (query string list)");
  }

  @Test
  void unknownParameterIsRefusedWithASuggestionAndTheKnownNames() {
    AriValidationException e = refused("channels.answer", new JsonObject().put("channelID", "c"));
    assertThat(e.code()).isEqualTo(AriErrorCode.UNKNOWN_PARAMETER);
    assertThat(e).hasMessage("channels.answer has no parameter 'channelID'. Did you mean"
        + " channelId? Its parameters: channelId.");
    assertThat(refused("asterisk.ping", new JsonObject().put("x", 1)))
        .hasMessageContaining("takes no parameters");
    // even when everything required is there, a typo in an optional one is not dropped silently
    assertThat(refused("channels.originate",
        new JsonObject().put("endpoint", "Local/1@t").put("callerid", "x")))
        .hasMessageContaining("Did you mean callerId?");
  }

  @Test
  void unknownOperationSuggestsCloseNames() {
    AriValidationException e = refused("channel.originate", new JsonObject());
    assertThat(e.code()).isEqualTo(AriErrorCode.UNKNOWN_OPERATION);
    assertThat(e).hasMessageStartingWith("no operation 'channel.originate'")
        .hasMessageContaining("Did you mean channels.originate");
    assertThat(refused("originate", null)).hasMessageContaining("channels.originate");
    assertThat(refused("bridges.addchannel", null)).hasMessageContaining("bridges.addChannel");
    assertThat(refused("zzz.qqqqqqq", null)).hasMessageNotContaining("Did you mean");
    assertThat(refused(null, null).code()).isEqualTo(AriErrorCode.UNKNOWN_OPERATION);
  }

  @Test
  void valueOutsideTheAllowedListIsRefused() {
    AriValidationException e = refused("channels.hangup",
        new JsonObject().put("channelId", "c").put("reason", "bored"));
    assertThat(e.code()).isEqualTo(AriErrorCode.INVALID_VALUE);
    assertThat(e).hasMessageContaining("channels.hangup parameter 'reason' must be one of [normal,")
        .hasMessageEndingWith("got 'bored'");
    assertThat(spec.prepare("playbacks.control",
        new JsonObject().put("playbackId", "p").put("operation", "pause")).query())
        .containsEntry("operation", "pause");
    assertThat(refused("playbacks.control",
        new JsonObject().put("playbackId", "p").put("operation", "PAUSE")).code())
        .isEqualTo(AriErrorCode.INVALID_VALUE);
  }

  @Test
  void integersMustBeWholeAndInRange() {
    JsonObject base = new JsonObject().put("endpoint", "Local/1@t").put("app", "a");
    assertThat(spec.prepare("channels.originate", base.copy().put("timeout", "45")).query())
        .containsEntry("timeout", "45");
    assertThat(spec.prepare("channels.originate", base.copy().put("timeout", -1)).query())
        .containsEntry("timeout", "-1");
    assertThat(spec.prepare("channels.originate", base.copy().put("timeout", 20.0)).query())
        .containsEntry("timeout", "20");
    // long allows more than int
    assertThat(spec.prepare("channels.originate", base.copy().put("priority", 3_000_000_000L))
        .query()).containsEntry("priority", "3000000000");
    assertThat(refused("channels.originate", base.copy().put("timeout", "abc")))
        .hasMessageContaining("expects a whole number");
    assertThat(refused("channels.originate", base.copy().put("timeout", 1.5)).code())
        .isEqualTo(AriErrorCode.INVALID_VALUE);
    assertThat(refused("channels.originate", base.copy().put("timeout", 3_000_000_000L)))
        .hasMessageContaining("out of int range");
    assertThat(refused("channels.originate", base.copy().put("timeout", true)).code())
        .isEqualTo(AriErrorCode.INVALID_VALUE);
    // RANGE min 0
    assertThat(refused("bridges.play", new JsonObject().put("bridgeId", "b")
        .put("media", "sound:beep").put("offsetms", -1)))
        .hasMessageContaining("must be at least 0");
  }

  @Test
  void booleansMustBeTrueOrFalse() {
    JsonObject base = new JsonObject().put("channelId", "c").put("variable", "V");
    assertThat(spec.prepare("channels.setChannelVar", base.copy().put("report_events", true))
        .query()).containsEntry("report_events", "true");
    assertThat(spec.prepare("channels.setChannelVar", base.copy().put("report_events", "FALSE"))
        .query()).containsEntry("report_events", "false");
    assertThat(refused("channels.setChannelVar", base.copy().put("report_events", "yes")))
        .hasMessageContaining("expects true or false");
  }

  @Test
  void stringsTakeScalarsButNotObjects() {
    assertThat(spec.prepare("channels.sendDTMF",
        new JsonObject().put("channelId", "c").put("dtmf", 123)).query())
        .containsEntry("dtmf", "123");
    assertThat(refused("channels.sendDTMF", new JsonObject().put("channelId", "c")
        .put("dtmf", new JsonObject())))
        .hasMessageContaining("expects a single string value");
    assertThat(refused("channels.answer",
        new JsonObject().put("channelId", new JsonArray().add("a"))).code())
        .isEqualTo(AriErrorCode.INVALID_VALUE);
  }

  @Test
  void bodyParameterMustBeAnObjectAndIsCopied() {
    assertThat(refused("events.userEvent", new JsonObject().put("eventName", "E")
        .put("application", "a").put("variables", "k1=v1")))
        .hasMessageContaining("'variables' expects a JSON object");
    JsonObject vars = new JsonObject().put("k1", "v1");
    PreparedRequest r = spec.prepare("events.userEvent", new JsonObject().put("eventName", "Cap Event")
        .put("application", "demo-app").put("source", new JsonArray().add("channel:c1"))
        .put("variables", vars));
    vars.put("k2", "later");
    assertThat(r.path()).isEqualTo("/events/user/Cap%20Event");
    assertThat(r.query()).containsExactly(Map.entry("application", "demo-app"),
        Map.entry("source", "channel:c1"));
    assertThat(r.body()).isEqualTo(new JsonObject().put("variables", new JsonObject().put("k1", "v1")));
  }

  @Test
  void storedRecordingFileIsABinaryAnswer() {
    PreparedRequest r = spec.prepare("recordings.getStoredFile",
        new JsonObject().put("recordingName", "cap-rec-1"));
    assertThat(r.method()).isEqualTo(HttpMethod.GET);
    assertThat(r.path()).isEqualTo("/recordings/stored/cap-rec-1/file");
    assertThat(r.binaryResponse()).isTrue();
  }

  @Test
  void noParametersMeansAnEmptyQueryAndNoBody() {
    PreparedRequest r = spec.prepare("asterisk.ping", null);
    assertThat(r.method()).isEqualTo(HttpMethod.GET);
    assertThat(r.path()).isEqualTo("/asterisk/ping");
    assertThat(r.query()).isEmpty();
    assertThat(r.body()).isNull();
  }

  @Test
  void validationErrorBecomesAReplyFailure() {
    ReplyException e = refused("channels.originate", new JsonObject()).toReplyException();
    assertThat(e.failureCode()).isEqualTo(AriErrorCode.MISSING_PARAMETER.code());
    assertThat(e.getMessage())
        .isEqualTo("missing-parameter: channels.originate needs parameter 'endpoint' (query string)");
  }

  @Test
  void objectBodyParameterIsTheWholeBody() {
    // applications.filter: the body IS the filter ({"allowed": [...]}), not {"filter": {...}}
    JsonObject op = new JsonObject().put("httpMethod", "PUT").put("nickname", "filter")
        .put("parameters", new JsonArray()
            .add(new JsonObject().put("name", "applicationName").put("paramType", "path")
                .put("required", true).put("dataType", "string"))
            .add(new JsonObject().put("name", "filter").put("paramType", "body")
                .put("dataType", "object")));
    AriSpec filterSpec = AriSpecParser.parse(AriSpecLoaderTest.listing("applications"),
        Map.of("applications", AriSpecLoaderTest.declaration(new JsonObject()
            .put("path", "/applications/{applicationName}/eventFilter")
            .put("operations", new JsonArray().add(op)))));
    JsonObject filter = new JsonObject().put("allowed",
        new JsonArray().add(new JsonObject().put("type", "StasisStart")));
    PreparedRequest r = filterSpec.prepare("applications.filter",
        new JsonObject().put("applicationName", "demo-app").put("filter", filter));
    assertThat(r.path()).isEqualTo("/applications/demo-app/eventFilter");
    assertThat(r.body()).isEqualTo(filter);
    assertThat(catchThrowableOfType(AriValidationException.class, () -> filterSpec.prepare(
        "applications.filter", new JsonObject().put("applicationName", "a")
            .put("filter", new JsonArray()))).code()).isEqualTo(AriErrorCode.INVALID_VALUE);
  }
}
