package io.github.vertxasterisk.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fast writer must produce Jackson's bytes exactly, for every input. */
class JsonBytesWriterTest {

  /** Both writers, as Strings so a failure shows the difference. */
  static void assertSameAsJackson(JsonObject json) {
    String jackson = Json.CODEC.toBuffer(json, false).toString();
    assertThat(JsonBytesWriter.toBuffer(json).toString()).isEqualTo(jackson);
  }

  /** Same, and written without Jackson's help. */
  static void assertWrittenFast(JsonObject json) {
    assertSameAsJackson(json);
    Buffer fast = JsonBytesWriter.tryWrite(json);
    assertThat(fast).as("written by the fast path").isNotNull();
    assertThat(fast.toString()).isEqualTo(Json.CODEC.toBuffer(json, false).toString());
  }

  /** Jackson's bytes, or Jackson's refusal: the same exception class. */
  static void assertSameOutcomeAsJackson(JsonObject json) {
    Throwable jackson = catchThrowable(() -> Json.CODEC.toBuffer(json, false));
    if (jackson == null) {
      assertSameAsJackson(json);
    } else {
      assertThatThrownBy(() -> JsonBytesWriter.toBuffer(json)).isInstanceOf(jackson.getClass());
    }
  }

  static void assertLeftToJackson(JsonObject json) {
    assertSameAsJackson(json);
    assertThat(JsonBytesWriter.tryWrite(json)).as("left to Jackson").isNull();
  }

  @Test
  void anAmiEventWithItsMetadata() {
    // As published: AMI headers in order, a repeated header as an array, then _meta.
    JsonObject event = new JsonObject()
      .put("Event", "Newchannel").put("Privilege", "call,all").put("Channel", "PJSIP/6001-00000003")
      .put("ChannelState", "4").put("ChannelStateDesc", "Ring").put("CallerIDNum", "6001")
      .put("CallerIDName", "\"Alice\" <6001>").put("ConnectedLineNum", "<unknown>").put("Exten", "100")
      .put("Uniqueid", "1763650000.12").put("Linkedid", "1763650000.12")
      .put("ChanVariable", new JsonArray().add("A=1").add("PATH=C:\\calls\\today"))
      .put("_meta", new JsonObject().put("pbx", "pbx1").put("node", "3f6c1d2e-aa10-4c1e-9d7e-8a1f0b2c3d4e")
        .put("epoch", 3L).put("seq", 123_456L).put("receivedAt", 1_763_650_000_123L));
    assertWrittenFast(event);
    assertWrittenFast(new JsonObject().put("events", new JsonArray().add(event).add(event.copy())));
  }

  @Test
  void everyAsciiCharacterEscapedAsJacksonDoes() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
      assertWrittenFast(new JsonObject().put("c", String.valueOf(c)).put(String.valueOf(c), "key"));
    }
    assertWrittenFast(new JsonObject().put("all", all.toString()));
    // A character needing an escape at each position of an 8-byte word, and in the tail.
    for (int at = 0; at < 20; at++) {
      assertWrittenFast(new JsonObject().put("s", "x".repeat(at) + "\"" + "y".repeat(19 - at)));
      assertWrittenFast(new JsonObject().put("s", "x".repeat(at) + "\n"));
    }
  }

  @Test
  void nonAsciiTextIsLeftToJackson() {
    assertLeftToJackson(new JsonObject().put("CallerIDName", "José Müller").put("emoji", "call \uD83D\uDCDE"));
    assertLeftToJackson(new JsonObject().put("latin1", "\u00e9\u00ff"));
    // A char whose low byte is a plain space: must not be mistaken for one.
    assertLeftToJackson(new JsonObject().put("\u0120", "\u0141ukasz"));
    // A lone surrogate: whatever Jackson does (here it refuses), the writer does the same.
    assertSameOutcomeAsJackson(new JsonObject().put("s", "a\uD800b"));
  }

  @Test
  void wholeNumbersBooleansAndNulls() {
    assertWrittenFast(new JsonObject().put("zero", 0).put("minusOne", -1).put("intMin", Integer.MIN_VALUE)
      .put("longMax", Long.MAX_VALUE).put("longMin", Long.MIN_VALUE).put("short", (short) -7).put("byte", (byte) 8)
      .put("yes", true).put("no", false).putNull("nothing"));
  }

  @Test
  void otherTypesAreLeftToJackson() {
    assertLeftToJackson(new JsonObject().put("before", "x").put("double", 0.1));
    assertLeftToJackson(new JsonObject().put("float", 1.5f));
    assertLeftToJackson(new JsonObject().put("instant", Instant.ofEpochMilli(1_763_650_000_123L)));
    assertLeftToJackson(new JsonObject().put("binary", new byte[] {1, 2, 3}));
  }

  @Test
  void plainMapsAndListsInsideTheTree() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("a", "1");
    inner.put("list", new ArrayList<>(List.of("x", 2L, true)));
    assertWrittenFast(new JsonObject().put("map", inner).put("empty", new JsonObject()).put("none", new JsonArray()));
  }

  @Test
  void nonStringKeysAreLeftToJackson() {
    Map<Object, Object> numbered = new LinkedHashMap<>();
    numbered.put(1, "x");
    JsonObject json = new JsonObject().put("m", numbered);
    assertThat(JsonBytesWriter.tryWrite(json)).isNull();
    // Vert.x's plain Jackson codec refuses such a key (jackson-databind's would write "1"): same here.
    assertSameOutcomeAsJackson(json);
  }

  @Test
  void nestingBeyondJacksonsLimitIsLeftToIt() {
    assertWrittenFast(nested(999)); // 1000 levels with the outer object: Jackson's limit
    JsonObject tooDeep = nested(1000);
    assertThat(JsonBytesWriter.tryWrite(tooDeep)).isNull();
    assertThat(catchThrowable(() -> Json.CODEC.toBuffer(tooDeep, false))).as("Jackson refuses it").isNotNull();
    assertSameOutcomeAsJackson(tooDeep);
  }

  /** An object holding {@code levels} nested objects (arrays every other level). */
  private static JsonObject nested(int levels) {
    Object inner = "bottom";
    for (int i = 0; i < levels; i++) {
      inner = i % 2 == 0 ? new JsonArray().add(inner) : new JsonObject().put("n", inner);
    }
    return new JsonObject().put("top", inner);
  }

  @Test
  void wireJsonObjectReachesLocalConsumersAsAnOrdinaryJsonObject() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      CompletableFuture<Object> received = new CompletableFuture<>();
      CompletableFuture<Object> intercepted = new CompletableFuture<>();
      vertx.eventBus().addOutboundInterceptor(ctx -> {
        intercepted.complete(ctx.body());
        ctx.next();
      });
      vertx.eventBus().consumer("wire-test", m -> received.complete(m.body()));
      WireJsonObject sent = new WireJsonObject();
      sent.put("Event", "Hangup").put("Cause", "16");
      vertx.eventBus().publish("wire-test", sent);
      Object body = received.get(10, TimeUnit.SECONDS);
      assertThat(body).isExactlyInstanceOf(JsonObject.class).isEqualTo(new JsonObject().put("Event", "Hangup").put("Cause", "16"));
      // An outbound interceptor sees the object as sent (documented in docs/cluster.md): same content.
      assertThat(((JsonObject) intercepted.get(10, TimeUnit.SECONDS)).getMap()).isEqualTo(((JsonObject) body).getMap());
      assertThat(sent.toBuffer()).isEqualTo(Json.CODEC.toBuffer(sent, false));
    } finally {
      vertx.close().await();
    }
  }
}
