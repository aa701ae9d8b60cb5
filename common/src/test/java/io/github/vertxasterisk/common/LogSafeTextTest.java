package io.github.vertxasterisk.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTextTest {

  /** C0, DEL and C1 (U+0085 is a line break, U+009B the 8-bit terminal escape; found by review), and U+2028/2029. */
  @Test
  void everyControlCharacterAndLineSeparatorIsEscaped() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      all.append(c);
    }
    for (char c = 0x7f; c <= 0x9f; c++) {
      all.append(c);
    }
    all.append('\u2028').append('\u2029');
    String shown = LogSafeText.of(all, 10_000);
    assertThat(shown.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    assertThat(shown).startsWith("\\x00\\x01").contains("\\x0a", "\\x85", "\\x9b", "\\u2028", "\\u2029");
  }

  @Test
  void textIsCutAndSaysHowLongItWas() {
    assertThat(LogSafeText.of("é".repeat(150))).isEqualTo("é".repeat(100) + "... (150 characters)");
  }
}
