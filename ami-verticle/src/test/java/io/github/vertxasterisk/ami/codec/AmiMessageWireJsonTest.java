package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.json.WireJsonObject;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The events of the real captures, as the verticle publishes them (a {@link WireJsonObject} with
 * {@code _meta}, and gathered into a batch), are written to the bus with exactly Jackson's bytes.
 */
class AmiMessageWireJsonTest {

  @ParameterizedTest
  @MethodSource("io.github.vertxasterisk.ami.codec.Captures#scenarios")
  void everyCapturedMessageIsWrittenAsJacksonWritesIt(String scenario) {
    List<AmiMessage> messages = Captures.parseWhole(Captures.server(scenario), true).messages;
    assertThat(messages).isNotEmpty();
    JsonArray batch = new JsonArray();
    long seq = 0;
    for (AmiMessage message : messages) {
      JsonObject json = new WireJsonObject(message.toJson().getMap())
        .put(EventMeta.FIELD, EventMeta.of("pbx1", "node-a", 1, ++seq, 1_763_650_000_000L + seq));
      assertThat(json.toBuffer().toString()).isEqualTo(Json.CODEC.toBuffer(json, false).toString());
      batch.add(json);
    }
    WireJsonObject batchMessage = new WireJsonObject();
    batchMessage.put("events", batch);
    assertThat(batchMessage.toBuffer().toString()).isEqualTo(Json.CODEC.toBuffer(batchMessage, false).toString());
  }
}
