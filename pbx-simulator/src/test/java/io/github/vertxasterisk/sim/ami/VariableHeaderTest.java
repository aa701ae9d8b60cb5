package io.github.vertxasterisk.sim.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Asterisk's reading of a Variable header (manager.c man_do_variable_value with app.c's argument splitting). */
class VariableHeaderTest {

  @Test
  void commasSeparatePairsOutsideQuotesParenthesesAndBrackets() {
    assertThat(VariableHeader.parse("A=1,B=2")).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    assertThat(VariableHeader.parse("LIST=\"sales,support\"")).containsExactly(Map.entry("LIST", "sales,support"));
    assertThat(VariableHeader.parse("F=f(a,b),G=[x,y]")).containsExactly(Map.entry("F", "f(a,b)"), Map.entry("G", "[x,y]"));
  }

  @Test
  void aBackslashMakesTheNextCharacterLiteralAndIsRemoved() {
    assertThat(VariableHeader.parse("LIST=sales\\,support")).containsExactly(Map.entry("LIST", "sales,support"));
    assertThat(VariableHeader.parse("PATH=C:\\\\temp,SAY=say \\\"hi\\\"")).containsExactly(
      Map.entry("PATH", "C:\\temp"), Map.entry("SAY", "say \"hi\""));
  }

  @Test
  void anUnescapedCommaCutsTheValueAndItemsWithoutANameAreSkipped() {
    assertThat(VariableHeader.parse("  LIST=sales,support,=x,B=")).containsExactly(Map.entry("LIST", "sales"), Map.entry("B", ""));
  }
}
