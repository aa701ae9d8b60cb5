package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The token cache must return exactly the text of the bytes, whatever it holds and wherever they lie. */
class AsciiStringCacheTest {

  private static String get(AsciiStringCache cache, byte[] buf, int start, int end) {
    return cache.get(buf, start, end);
  }

  @Test
  void everyLengthAndPositionDecodesExactly() {
    Random random = new Random(42);
    byte[] buf = new byte[40]; // small: tokens end at the array's very end too (the read-back path)
    AsciiStringCache cache = new AsciiStringCache(4, 16); // tiny: constant collisions and replacements
    for (int round = 0; round < 20_000; round++) {
      for (int i = 0; i < buf.length; i++) {
        buf[i] = (byte) ('a' + random.nextInt(3)); // few letters: the same tokens come back often
      }
      int start = random.nextInt(buf.length + 1);
      int end = start + random.nextInt(buf.length - start + 1);
      String expected = new String(buf, start, end - start, StandardCharsets.UTF_8);
      assertThat(get(cache, buf, start, end)).isEqualTo(expected);
    }
  }

  @Test
  void sameTextIsTheSameStringAndDifferentTextNever() {
    AsciiStringCache cache = new AsciiStringCache(1024, 32);
    byte[] a = "xxPJSIP/100-00000001yy".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "PJSIP/100-00000001".getBytes(StandardCharsets.US_ASCII);
    String first = get(cache, a, 2, 20);
    assertThat(get(cache, b, 0, b.length)).isSameAs(first).isEqualTo("PJSIP/100-00000001");
    // Same length, one byte different, in the first and in the last word.
    byte[] c = "QJSIP/100-00000001".getBytes(StandardCharsets.US_ASCII);
    byte[] d = "PJSIP/100-00000002".getBytes(StandardCharsets.US_ASCII);
    assertThat(get(cache, c, 0, c.length)).isEqualTo("QJSIP/100-00000001");
    assertThat(get(cache, d, 0, d.length)).isEqualTo("PJSIP/100-00000002");
    // A prefix is not the whole.
    assertThat(get(cache, b, 0, 8)).isEqualTo("PJSIP/10");
  }

  @Test
  void aSeededStringIsTheOneReturnedForItsBytes() {
    AsciiStringCache cache = new AsciiStringCache(1024, 32);
    String event = new String("Event"); // not the literal: identity must come from the seed
    cache.seed(event);
    byte[] line = "xEvent: Newexten".getBytes(StandardCharsets.US_ASCII);
    assertThat(get(cache, line, 1, 6)).isSameAs(event);
    assertThat(get(cache, line, 1, 5)).isEqualTo("Even").isNotSameAs(event);
  }

  @Test
  void utf8AndLongTextAreDecodedNotCached() {
    AsciiStringCache cache = new AsciiStringCache(1024, 32);
    byte[] name = "Zoë Müller 山田".getBytes(StandardCharsets.UTF_8);
    assertThat(get(cache, name, 0, name.length)).isEqualTo("Zoë Müller 山田");
    byte[] latin1Looking = {(byte) 0xc3, (byte) 0xa9}; // é in UTF-8, not two ISO-8859-1 characters
    assertThat(get(cache, latin1Looking, 0, 2)).isEqualTo("é");
    byte[] invalid = {'a', (byte) 0xff, 'b'}; // not UTF-8: every byte kept as one ISO-8859-1 char, no U+FFFD
    assertThat(get(cache, invalid, 0, 3)).isEqualTo("a\u00ffb");
    byte[] longInvalid = "Société Générale de Télécommunications".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(get(cache, longInvalid, 0, longInvalid.length)).isEqualTo("Société Générale de Télécommunications");
    byte[] longText = "1700000000.123456 1700000000.123456 1700000000.123456".getBytes(StandardCharsets.US_ASCII);
    assertThat(get(cache, longText, 0, longText.length)).isEqualTo(new String(longText, StandardCharsets.US_ASCII));
    assertThat(get(cache, longText, 3, 3)).isEmpty();
  }
}
