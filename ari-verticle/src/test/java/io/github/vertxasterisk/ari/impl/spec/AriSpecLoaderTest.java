package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AriSpecLoaderTest {
  /** The resources of the simulated PBX's declaration, in its listing's order. */
  private static final List<String> SIMULATOR_RESOURCES = List.of("channels", "bridges",
      "playbacks", "recordings", "asterisk", "applications", "endpoints", "deviceStates", "events");

  @Test
  void loadsEveryOperationOfTheSimulatorsDeclarationKeyedByResourceAndNickname() {
    AriSpec spec = ApiDocs.simulator();
    assertThat(spec.apiVersion()).isEqualTo("10.0.0");
    assertThat(spec.resources()).containsExactlyInAnyOrderElementsOf(SIMULATOR_RESOURCES);
    assertThat(spec.operations()).hasSize(49);
    assertThat(spec.operations().keySet()).contains("channels.originate", "channels.originateWithId",
        "channels.create", "channels.hold", "bridges.addChannel", "bridges.createWithId",
        "playbacks.control", "recordings.getStoredFile", "recordings.listStored", "asterisk.ping",
        "asterisk.setGlobalVar", "applications.subscribe", "events.eventWebsocket",
        "events.userEvent", "deviceStates.list");
    // the simulator does not implement them, so it does not declare them
    assertThat(spec.operations().keySet()).doesNotContain("channels.snoopChannel",
        "channels.externalMedia", "channels.dial");
    spec.operations().forEach((name, op) -> assertThat(op.name()).isEqualTo(name));
  }

  @Test
  void operationKeepsMethodPathParametersAndErrors() {
    AriOperation play = ApiDocs.simulator().operation("channels.play").orElseThrow();
    assertThat(play.resource()).isEqualTo("channels");
    assertThat(play.nickname()).isEqualTo("play");
    assertThat(play.httpMethod()).isEqualTo(HttpMethod.POST);
    assertThat(play.pathTemplate()).isEqualTo("/channels/{channelId}/play");
    assertThat(play.responseClass()).isEqualTo("Playback");
    assertThat(play.parameters().keySet())
        .containsExactly("channelId", "media", "lang", "offsetms", "skipms", "playbackId");
    AriParameter media = play.parameters().get("media");
    assertThat(media.paramType()).isEqualTo(ParamType.QUERY);
    assertThat(media.required()).isTrue();
    assertThat(media.allowMultiple()).isTrue();
    assertThat(play.parameters().get("channelId").paramType()).isEqualTo(ParamType.PATH);
    assertThat(play.parameters().get("skipms").defaultValue()).isEqualTo("3000");
    assertThat(play.parameters().get("skipms").dataType()).isEqualTo("int");
    assertThat(play.errorResponses()).extracting(AriErrorResponse::code).containsExactly(404, 409, 412);
  }

  @Test
  void allowableValuesListAndRangeAndBodyParameters() {
    AriSpec spec = ApiDocs.simulator();
    assertThat(spec.operation("channels.hangup").orElseThrow().parameters().get("reason")
        .allowedValues()).contains("normal", "busy", "answered_elsewhere").hasSize(13);
    AriParameter offsetms = spec.operation("bridges.play").orElseThrow().parameters().get("offsetms");
    assertThat(offsetms.min()).isEqualTo(0L);
    assertThat(offsetms.max()).isNull();
    AriParameter variables =
        spec.operation("channels.originate").orElseThrow().parameters().get("variables");
    assertThat(variables.paramType()).isEqualTo(ParamType.BODY);
    assertThat(variables.dataType()).isEqualTo("containers");
  }

  @Test
  void onlyTheStoredFileAnswersBinary() {
    AriSpec spec = ApiDocs.simulator();
    assertThat(spec.operations().values()).filteredOn(AriOperation::binaryResponse)
        .extracting(AriOperation::name).containsExactly("recordings.getStoredFile");
  }

  @Test
  void resourceNamesComeFromTheListingPaths() {
    JsonObject listing = ApiDocs.readSimulator("resources.json");
    assertThat(AriSpecParser.resourceNames(listing)).containsExactlyElementsOf(SIMULATOR_RESOURCES);
  }

  @Test
  void asksForTheListingThenEachDeclarationByRelativePath() {
    List<String> asked = new ArrayList<>();
    AriSpec spec = ApiDocs.await(AriSpecLoader.load(path -> {
      asked.add(path);
      return ApiDocs.fetchSimulator(path);
    }));
    assertThat(spec.operations()).hasSize(49);
    assertThat(asked.get(0)).isEqualTo("resources.json");
    assertThat(asked.subList(1, asked.size())).containsExactlyInAnyOrderElementsOf(
        SIMULATOR_RESOURCES.stream().map(r -> r + ".json").toList());
  }

  @Test
  void aFailedDocumentFailsTheLoadAndIsNamed() {
    Future<AriSpec> f = AriSpecLoader.load(path -> path.equals("channels.json")
        ? Future.failedFuture("HTTP 500")
        : ApiDocs.fetchSimulator(path));
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).hasMessageContaining("channels.json").hasMessageContaining("HTTP 500");

    Future<AriSpec> noListing = AriSpecLoader.load(path -> Future.failedFuture("refused"));
    assertThat(noListing.cause()).hasMessageContaining("resources.json");
  }

  /** Some JSON server on port 8088 (not Asterisk) must not pass for an ARI with no operation. */
  @Test
  void aListingThatNamesNoApiIsRejected() {
    for (JsonObject listing : List.of(new JsonObject().put("status", "ok"),
        new JsonObject().put("apiVersion", "1.0").put("apis", new JsonArray()),
        new JsonObject().put("apis", new JsonArray().add("channels")),
        new JsonObject().put("apis", new JsonArray().add(new JsonObject().put("description", "no path"))))) {
      Future<AriSpec> f = AriSpecLoader.load(path -> path.equals(AriSpecLoader.RESOURCE_LISTING)
          ? Future.succeededFuture(listing)
          : ApiDocs.fetchSimulator(path));
      assertThat(f.failed()).as(listing.encode()).isTrue();
      assertThat(f.cause()).as(listing.encode()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("resources.json");
    }
  }

  @Test
  void malformedOrDuplicateDeclarationsAreRejectedNamingTheResource() {
    JsonObject listing = listing("things");
    JsonObject malformed = declaration(new JsonObject().put("path", "/things")
        .put("operations", new JsonArray().add(new JsonObject().put("httpMethod", "GET")
            .put("nickname", "list").put("parameters", "not a list"))));
    assertThatThrownBy(() -> AriSpecParser.parse(listing, Map.of("things", malformed)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'things'");

    JsonObject op = new JsonObject().put("httpMethod", "GET").put("nickname", "list");
    JsonObject twice = declaration(new JsonObject().put("path", "/things")
        .put("operations", new JsonArray().add(op).add(op.copy())));
    assertThatThrownBy(() -> AriSpecParser.parse(listing, Map.of("things", twice)))
        .hasMessageContaining("things.list");
  }

  @Test
  void declarationQuirksStillLoad() {
    // a placeholder without a declared parameter, a paramType Asterisk never uses, error codes
    // written as text (Asterisk 22's channels.move does that) or not numbers at all
    JsonObject op = new JsonObject().put("httpMethod", "POST").put("nickname", "poke")
        .put("parameters", new JsonArray().add(new JsonObject().put("name", "how")
            .put("paramType", "form").put("dataType", "string")))
        .put("errorResponses", new JsonArray()
            .add(new JsonObject().put("code", "404").put("reason", "No thing"))
            .add(new JsonObject().put("code", "oops").put("reason", "?")));
    AriSpec spec = AriSpecParser.parse(listing("things"), Map.of("things",
        declaration(new JsonObject().put("path", "/things/{thingId}/poke")
            .put("operations", new JsonArray().add(op)))));
    AriOperation poke = spec.operation("things.poke").orElseThrow();
    assertThat(poke.parameters().get("thingId").paramType()).isEqualTo(ParamType.PATH);
    assertThat(poke.parameters().get("how").paramType()).isEqualTo(ParamType.QUERY);
    assertThat(poke.errorResponses()).containsExactly(new AriErrorResponse(404, "No thing"));

    PreparedRequest r = spec.prepare("things.poke",
        new JsonObject().put("thingId", "t 1").put("how", "gently"));
    assertThat(r.path()).isEqualTo("/things/t%201/poke");
    assertThat(r.query()).containsExactly(Map.entry("how", "gently"));
    assertThatThrownBy(() -> spec.prepare("things.poke", new JsonObject()))
        .isInstanceOfSatisfying(AriValidationException.class,
            e -> assertThat(e.code()).isEqualTo(AriErrorCode.MISSING_PARAMETER))
        .hasMessageContaining("thingId");
  }

  static JsonObject listing(String... resources) {
    JsonArray apis = new JsonArray();
    for (String r : resources) {
      apis.add(new JsonObject().put("path", "/api-docs/" + r + ".{format}"));
    }
    return new JsonObject().put("apiVersion", "test").put("apis", apis);
  }

  static JsonObject declaration(JsonObject... apis) {
    return new JsonObject().put("swaggerVersion", "1.1").put("apis", new JsonArray(List.of(apis)));
  }
}
