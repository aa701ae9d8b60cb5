package io.github.vertxasterisk.ami.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Text from the peer's bytes that are not plain short ASCII. Asterisk passes bytes through untouched
 * (SIP display names, CallerID names from a Latin-1 database, CLI output): a value that is valid
 * UTF-8 is decoded as UTF-8; any other is decoded as ISO-8859-1, one char per byte, so that no byte
 * is lost to U+FFFD and the original bytes can be recovered ({@code getBytes(ISO_8859_1)}).
 */
final class PeerText {
  private static final char REPLACEMENT = '\uFFFD';

  private PeerText() {
  }

  static String decode(byte[] buf, int start, int len) {
    String utf8 = new String(buf, start, len, StandardCharsets.UTF_8);
    // The lenient decoder puts U+FFFD for malformed input, so only then is the strict check needed
    // (the peer may also have sent a real U+FFFD). ASCII gives a Latin-1 String, in which indexOf of
    // a non-Latin-1 char returns at once: long ASCII values cost nothing more than before.
    if (utf8.indexOf(REPLACEMENT) < 0 || isUtf8(buf, start, len)) {
      return utf8;
    }
    return new String(buf, start, len, StandardCharsets.ISO_8859_1);
  }

  private static boolean isUtf8(byte[] buf, int start, int len) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, start, len)); // reports, never replaces
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
