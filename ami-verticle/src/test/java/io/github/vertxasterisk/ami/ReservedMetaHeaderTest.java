package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.tools.AmiDecode;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PBX may send a header named {@code _meta} (UserEvent copies every header of its action, capture
 * 09): the suite's own {@code _meta} object must win, and the PBX's value must survive as
 * {@code _meta.pbxHeader}, both on the bus and in the decode tool.
 */
class ReservedMetaHeaderTest extends AmiVerticleFixture {

  @Test
  void publishedUserEventKeepsThePbxMetaHeaderInsideTheSuitesMeta() {
    PbxSimulator sim = await(PbxSimulator.forTests().start(vertx));
    Recorder userEvents = Recorder.on(vertx, addresses.event("UserEvent"));
    deploy(baseAmiConfig(sim.amiPort()));
    status.awaitState("connected");

    await(service().send(new JsonObject()
      .put("Action", "UserEvent").put("UserEvent", "Tagged").put("_meta", "x").put("ActionID", "ue-meta")));

    JsonObject event = userEvents.awaitMatch("the UserEvent", e -> "Tagged".equals(e.getString("UserEvent")));
    assertThat(event.getValue(EventMeta.FIELD)).isInstanceOf(JsonObject.class);
    JsonObject meta = event.getJsonObject(EventMeta.FIELD);
    assertThat(meta.getString("pbx")).isEqualTo(pbx);
    assertThat(meta.getLong("seq")).isPositive();
    assertThat(meta.getString(EventMeta.PBX_HEADER)).isEqualTo("x");
  }

  @Test
  void decodeToolKeepsThePbxMetaHeaderInsideTheSuitesMeta() {
    byte[] stream = ("Asterisk Call Manager/11.0.0\r\n"
      + "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Tagged\r\n_meta: x\r\n\r\n"
      + "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Twice\r\n_meta: a\r\n_meta: b\r\n\r\n"
      + "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    List<JsonObject> withMeta = decode(stream, "--pbx", "lab1");
    assertThat(withMeta).hasSize(3);
    JsonObject tagged = withMeta.get(0).getJsonObject(EventMeta.FIELD);
    assertThat(tagged.getString("pbx")).isEqualTo("lab1");
    assertThat(tagged.getLong("seq")).isEqualTo(1L);
    assertThat(tagged.getString(EventMeta.PBX_HEADER)).isEqualTo("x");
    // A repeated header is an array in the event; it is kept as that array.
    assertThat(withMeta.get(1).getJsonObject(EventMeta.FIELD).getJsonArray(EventMeta.PBX_HEADER))
      .isEqualTo(new JsonArray().add("a").add("b"));
    assertThat(withMeta.get(2).getJsonObject(EventMeta.FIELD).containsKey(EventMeta.PBX_HEADER)).isFalse();

    // Without the suite's _meta there is nothing to protect: the PBX's header is shown as sent.
    assertThat(decode(stream, "--no-meta").get(0).getString(EventMeta.FIELD)).isEqualTo("x");
  }

  private static List<JsonObject> decode(byte[] stream, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = AmiDecode.run(new ByteArrayInputStream(stream), new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), args);
    assertThat(code).isEqualTo(AmiDecode.EXIT_OK);
    return out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
  }
}
