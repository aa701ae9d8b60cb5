package io.github.vertxasterisk.ari.impl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.github.vertxasterisk.ari.testing.ApiDocs;
import io.github.vertxasterisk.ari.testing.Captures;
import io.github.vertxasterisk.ari.testing.RestReplay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against Asterisk 22.10.1's own API declarations (shared/captures/ari/api-docs beside the
 * repository; not part of it): the whole API loads, every declared detail is kept, validation
 * works for every operation, and the simulated PBX declares each of its operations exactly as
 * Asterisk does. Skipped, saying why, when those documents are not on this machine (CI has them).
 */
class RealApiDocsConformanceTest {
  private static Path dir;
  private static AriSpec spec;

  @BeforeAll
  static void load() {
    Optional<Path> real = ApiDocs.realDir();
    if (real.isPresent()) {
      dir = real.get();
      spec = ApiDocs.load(dir);
    }
  }

  /** Per test rather than in BeforeAll, so that each skipped test carries the reason. */
  @BeforeEach
  void requireRealDocs() {
    assumeTrue(spec != null, "Asterisk's own ARI api-docs (shared/captures/ari/api-docs) were"
        + " not found above " + Path.of("").toAbsolutePath()
        + ": conformance against the real declarations is skipped");
  }

  @Test
  void all109OperationsOf11ResourcesAreKnown() {
    assertThat(spec.operations()).hasSize(109);
    assertThat(spec.resources()).containsExactlyInAnyOrder("asterisk", "endpoints", "channels",
        "bridges", "recordings", "sounds", "playbacks", "deviceStates", "mailboxes", "events",
        "applications");
    assertThat(spec.apiVersion()).isEqualTo("10.0.0");
  }

  @Test
  void everyOperationKeepsItsDeclaredShape() {
    int checked = 0;
    JsonObject listing = ApiDocs.read(dir, "resources.json");
    for (String resource : AriSpecParser.resourceNames(listing)) {
      for (Object a : ApiDocs.read(dir, resource + ".json").getJsonArray("apis")) {
        JsonObject api = (JsonObject) a;
        for (Object o : api.getJsonArray("operations")) {
          JsonObject raw = (JsonObject) o;
          AriOperation op =
              spec.operation(resource + "." + raw.getString("nickname")).orElseThrow();
          assertSameShape(op, api.getString("path"), raw);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(109);
    assertThat(spec.operations().values()).filteredOn(AriOperation::binaryResponse)
        .extracting(AriOperation::name).containsExactly("recordings.getStoredFile");
  }

  @Test
  void everyOperationValidatesMissingAndUnknownParameters() {
    for (AriOperation op : spec.operations().values()) {
      JsonObject valid = new JsonObject();
      op.parameters().values().forEach(p -> valid.put(p.name(), sample(p)));
      assertThat(spec.prepare(op.name(), valid).path()).as(op.name()).doesNotContain("{");

      for (AriParameter p : op.parameters().values()) {
        if (p.required() || p.paramType() == ParamType.PATH) {
          JsonObject without = valid.copy();
          without.remove(p.name());
          AriValidationException e = catchThrowableOfType(AriValidationException.class,
              () -> spec.prepare(op.name(), without));
          assertThat(e).as(op.name() + " without " + p.name()).isNotNull();
          assertThat(e.code()).isEqualTo(AriErrorCode.MISSING_PARAMETER);
          assertThat(e).hasMessageContaining(op.name()).hasMessageContaining("'" + p.name() + "'");
        }
      }
      AriValidationException unknown = catchThrowableOfType(AriValidationException.class,
          () -> spec.prepare(op.name(), valid.copy().put("noSuchParameter", "x")));
      assertThat(unknown).as(op.name()).isNotNull();
      assertThat(unknown.code()).isEqualTo(AriErrorCode.UNKNOWN_PARAMETER);
    }
  }

  @Test
  void theSimulatorsDeclarationHasTheRealShapeOfEachOperationItDeclares() {
    AriSpec simulator = ApiDocs.simulator();
    assertThat(simulator.apiVersion()).isEqualTo(spec.apiVersion());
    int checked = 0;
    for (String resource : simulator.resources()) {
      for (Object a : ApiDocs.readSimulator(resource + ".json").getJsonArray("apis")) {
        JsonObject api = (JsonObject) a;
        for (Object o : api.getJsonArray("operations")) {
          JsonObject declared = (JsonObject) o;
          String name = resource + "." + declared.getString("nickname");
          AriOperation real = spec.operation(name).orElse(null);
          assertThat(real).as(name + " is not an operation of the real API").isNotNull();
          assertSameShape(real, api.getString("path"), declared);
          assertThat(simulator.operation(name).orElseThrow().binaryResponse()).as(name)
              .isEqualTo(real.binaryResponse());
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(simulator.operations().size()).isEqualTo(49);
  }

  @Test
  void everyRecordedRequestMapsToAnOperationAndIsRebuiltExactly() {
    List<String> unmatched = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int rebuilt = 0;
    for (Path file : Captures.files(".rest.jsonl")) {
      for (JsonObject exchange : Captures.lines(file)) {
        String what = exchange.getString("method") + " " + exchange.getString("path");
        if ("{not json".equals(exchange.getString("request_body"))) {
          continue; // the recorded malformed-body request has no parameters to rebuild
        }
        RestReplay.Call call = RestReplay.of(spec, exchange);
        if (call == null) {
          unmatched.add(what);
          continue;
        }
        try {
          PreparedRequest r = spec.prepare(call.operation().name(), call.params());
          assertThat(r.path()).as(what).isEqualTo(call.path());
          assertThat(r.query()).as(what).isEqualTo(call.query());
          assertThat(r.body()).as(what).isEqualTo(call.body());
          rebuilt++;
        } catch (AriValidationException e) {
          assertThat(exchange.getInteger("status")).as(what).isEqualTo(400);
          refused.add(what + " -> " + e.getMessage());
        }
      }
    }
    assertThat(unmatched).containsExactlyInAnyOrder("GET /ari/nosuchresource",
        "PUT /ari/asterisk/info");
    assertThat(refused).containsExactlyInAnyOrder(
        "POST /ari/channels -> channels.originate needs parameter 'endpoint' (query string)",
        "GET /ari/asterisk/variable -> asterisk.getGlobalVar needs parameter 'variable'"
            + " (query string)");
    assertThat(rebuilt).isEqualTo(97 - 2 - 2 - 1);
  }

  private static void assertSameShape(AriOperation op, String path, JsonObject raw) {
    String name = op.name();
    assertThat(op.pathTemplate()).as(name).isEqualTo(path);
    assertThat(op.httpMethod().name()).as(name).isEqualTo(raw.getString("httpMethod"));
    assertThat(op.responseClass()).as(name).isEqualTo(raw.getString("responseClass"));
    assertThat(op.errorResponses()).as(name).extracting(AriErrorResponse::code)
        .containsExactlyElementsOf(raw.getJsonArray("errorResponses", new JsonArray()).stream()
            // channels.move writes its codes as strings ("404")
            .map(e -> Integer.valueOf(String.valueOf(((JsonObject) e).getValue("code")))).toList());
    JsonArray params = raw.getJsonArray("parameters", new JsonArray());
    assertThat(op.parameters()).as(name).hasSize(params.size());
    for (Object o : params) {
      JsonObject rp = (JsonObject) o;
      AriParameter p = op.parameters().get(rp.getString("name"));
      String what = name + " " + rp.getString("name");
      assertThat(p).as(what).isNotNull();
      assertThat(p.paramType().name().toLowerCase()).as(what).isEqualTo(rp.getString("paramType"));
      assertThat(p.required()).as(what).isEqualTo(rp.getBoolean("required", false));
      assertThat(p.dataType()).as(what).isEqualTo(rp.getString("dataType"));
      assertThat(p.allowMultiple()).as(what).isEqualTo(rp.getBoolean("allowMultiple", false));
      Object def = rp.getValue("defaultValue");
      assertThat(p.defaultValue()).as(what).isEqualTo(def == null ? null : String.valueOf(def));
      JsonObject allowable = rp.getJsonObject("allowableValues");
      if (allowable != null && "LIST".equals(allowable.getString("valueType"))) {
        assertThat(p.allowedValues()).as(what)
            .containsExactlyElementsOf(allowable.getJsonArray("values").stream()
                .map(String::valueOf).toList());
      } else {
        assertThat(p.allowedValues()).as(what).isEmpty();
        Number min = allowable == null ? null : (Number) allowable.getValue("min");
        assertThat(p.min()).as(what).isEqualTo(min == null ? null : min.longValue());
      }
    }
  }

  /** A value each parameter accepts. */
  private static Object sample(AriParameter p) {
    if (p.paramType() == ParamType.BODY) {
      return new JsonObject().put("k", "v");
    }
    Object one;
    if (!p.allowedValues().isEmpty()) {
      one = p.allowedValues().get(0);
    } else if (p.dataType().equals("int") || p.dataType().equals("long")) {
      one = p.min() == null ? 1 : p.min();
    } else if (p.dataType().equals("boolean")) {
      one = true;
    } else {
      one = "x y/z";
    }
    return p.allowMultiple() ? new JsonArray().add(one) : one;
  }
}
