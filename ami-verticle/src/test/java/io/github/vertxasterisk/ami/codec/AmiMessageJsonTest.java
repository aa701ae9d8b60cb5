package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiMessageJsonTest {

  @Test
  void repeatedHeadersBecomeArraysInOrder() {
    AmiMessage m = AmiMessage.of(
      "Event", "Newchannel",
      "ChanVariable", "B=2",
      "Channel", "Local/100@test-00000001;1",
      "ChanVariable", "A=1",
      "Variable", "X=1",
      "ChanVariable", "C=3");
    JsonObject json = m.toJson();
    assertThat(json.getValue("ChanVariable")).isEqualTo(new JsonArray().add("B=2").add("A=1").add("C=3"));
    assertThat(json.getValue("Variable")).isEqualTo("X=1");
    assertThat(json.getValue("Channel")).isEqualTo("Local/100@test-00000001;1");
    // Keys in the order of first appearance, names exactly as sent.
    assertThat(new ArrayList<>(json.fieldNames())).containsExactly("Event", "ChanVariable", "Channel", "Variable");
  }

  @Test
  void statusVariablesFromTheCapture() {
    AmiMessage status = Captures.parseWhole(Captures.server("05-call-up-coreshowchannels-status-vars-hangup"), true)
      .messages.stream().filter(x -> "status-one-vars".equals(x.actionId()) && "Status".equals(x.eventName()))
      .findFirst().orElseThrow();
    JsonObject json = status.toJson();
    assertThat(json.getJsonArray("Variable")).isEqualTo(new JsonArray().add("CALLERID(num)=").add("FOO=(null)"));
    assertThat(json.getString("Event")).isEqualTo("Status");
    assertThat(json.getString("Readtrans")).isEqualTo("");
  }

  @Test
  void singleHeaderIsAStringAndOutputIsAlwaysAnArray() {
    JsonObject one = AmiMessage.of("Response", "Error", "Output", "No such command").toJson();
    assertThat(one.getValue("Response")).isEqualTo("Error");
    assertThat(one.getValue("Output")).isEqualTo(new JsonArray().add("No such command"));
    JsonObject three = AmiMessage.of("Output", "a", "Output", "", "Output", "  b").toJson();
    assertThat(three.getValue("Output")).isEqualTo(new JsonArray().add("a").add("").add("  b"));
    assertThat(AmiMessage.of("Response", "Success").toJson().containsKey("Output")).isFalse();
  }

  @Test
  void namesAreCaseSensitiveInJsonButNotInLookups() {
    AmiMessage m = AmiMessage.of("action", "ping", "ActionID", "a", "actionid", "b");
    assertThat(m.get("ACTIONID")).isEqualTo("a");
    assertThat(m.getAll("actionID")).containsExactly("a", "b");
    assertThat(m.toJson()).isEqualTo(new JsonObject().put("action", "ping").put("ActionID", "a").put("actionid", "b"));
  }

  @Test
  void everyCaptureMessageRoundTripsThroughJsonValues() {
    // For every message of every capture: the JSON holds exactly the header values, arrays in order.
    for (String scenario : Captures.SCENARIOS) {
      for (AmiMessage m : Captures.parseWhole(Captures.server(scenario), true).messages) {
        JsonObject json = m.toJson();
        int total = 0;
        for (String name : json.fieldNames()) {
          Object v = json.getValue(name);
          List<String> values = v instanceof JsonArray a ? a.stream().map(String.class::cast).toList() : List.of((String) v);
          assertThat(values).as("%s %s", scenario, name).containsExactlyElementsOf(m.getAll(name));
          assertThat(v instanceof JsonArray).isEqualTo(values.size() > 1 || name.equals("Output"));
          total += values.size();
        }
        assertThat(total).isEqualTo(m.size());
      }
    }
  }
}
