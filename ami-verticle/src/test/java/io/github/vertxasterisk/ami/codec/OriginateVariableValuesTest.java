package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.sim.ami.VariableHeader;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object value is sent as {@code Variable: key=value} headers (Originate's channel variables), which
 * Asterisk splits at commas and strips of quotes and backslashes ({@link VariableHeader}, the simulator's
 * port of manager.c and app.c). The value a caller gave must arrive as is.
 */
class OriginateVariableValuesTest {

  @Test
  void variableValuesArriveUnchangedAtAsterisk() {
    JsonObject vars = new JsonObject()
      .put("LIST", "sales,support")
      .put("SAY", "say \"hi\"")
      .put("PATH", "C:\\temp")
      .put("PLAIN", "bar")
      .put("HASH(fields,id)", "1")
      .put("A\"B", "2");
    String wire = AmiEncoder.encode(new JsonObject().put("Action", "Originate").put("Variable", vars))
      .toString(StandardCharsets.UTF_8);

    Map<String, String> asterisk = new LinkedHashMap<>();
    for (String line : wire.split("\r\n")) {
      if (line.startsWith("Variable: ")) {
        VariableHeader.parse(line.substring("Variable: ".length())).forEach(e -> asterisk.put(e.getKey(), e.getValue()));
      }
    }
    assertThat(asterisk).containsExactlyInAnyOrderEntriesOf(Map.of(
      "LIST", "sales,support", "SAY", "say \"hi\"", "PATH", "C:\\temp", "PLAIN", "bar",
      "HASH(fields,id)", "1", "A\"B", "2"));
  }

  @Test
  void aVariableNameAsteriskCannotReadIsRefused() {
    for (String name : new String[] {"A=B", ""}) {
      JsonObject action = new JsonObject().put("Action", "Originate").put("Variable", new JsonObject().put(name, "x"));
      assertThatThrownBy(() -> AmiEncoder.encode(action))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header 'Variable' must be non-empty and without '='");
    }
  }
}
