package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.codec.Captures.Recorder;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Asterisk passes header values through as bytes (SIP display names, CallerID set from a Latin-1
 * database...): UTF-8 is decoded as UTF-8, and anything else must keep every byte, one char each
 * (ISO-8859-1), never turn into U+FFFD.
 */
class AmiParserCharsetTest {

  private static final byte[] BANNER = "Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII);

  /** A Newchannel as capture 04 carries it, with the caller's name as the given bytes. */
  private static byte[] newchannel(byte[] callerIdName) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/100-00000001\r\n"
      + "ChannelState: 4\r\nChannelStateDesc: Ring\r\nCallerIDNum: 100\r\nCallerIDName: "));
    out.writeBytes(callerIdName);
    out.writeBytes(ascii("\r\nConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: en\r\n"
      + "AccountCode: \r\nContext: test\r\nExten: 100\r\nPriority: 1\r\nUniqueid: 1795416984.27\r\n"
      + "Linkedid: 1795416984.27\r\n\r\n"));
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String callerIdName(byte[] wire) {
    Recorder r = parse(newchannel(wire));
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages).singleElement().satisfies(m -> assertThat(m.get("Uniqueid")).isEqualTo("1795416984.27"));
    return r.messages.get(0).get("CallerIDName");
  }

  private static Recorder parse(byte[] messages) {
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(AmiCodecLimits.defaults(), r, true);
    p.handle(Buffer.buffer(BANNER));
    p.handle(Buffer.buffer(messages));
    return r;
  }

  @Test
  void validUtf8SurvivesExactlyShortAndLong() {
    assertThat(callerIdName("Zoë".getBytes(StandardCharsets.UTF_8))).isEqualTo("Zoë");
    String longName = "Zoë Müller-Łukasiewicz 山田太郎 (Rezeption)"; // over the 32-byte cache bound
    assertThat(callerIdName(longName.getBytes(StandardCharsets.UTF_8))).isEqualTo(longName);
    // A real U+FFFD sent by the PBX is valid UTF-8 and stays what it is.
    assertThat(callerIdName("a\uFFFDb".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\uFFFDb");
  }

  @Test
  void invalidUtf8KeepsEveryByteAsIso88591() {
    assertThat(callerIdName(new byte[] {'a', (byte) 0xff, 'b'})).isEqualTo("a\u00ffb");
    byte[] latin1 = "Café Müller".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(callerIdName(latin1)).isEqualTo("Café Müller");
    byte[] longLatin1 = "Société Générale de Télécommunications, Zürich".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(callerIdName(longLatin1)).isEqualTo("Société Générale de Télécommunications, Zürich");
    // A value is one or the other: a stray byte among UTF-8 makes the whole value ISO-8859-1, byte for byte.
    byte[] mixed = {'Z', 'o', (byte) 0xc3, (byte) 0xab, ' ', (byte) 0xe9};
    assertThat(callerIdName(mixed)).isEqualTo("Zo\u00c3\u00ab \u00e9");
  }

  @Test
  void asciiIsUnchanged() {
    assertThat(callerIdName(ascii("Capture Test"))).isEqualTo("Capture Test");
    String longAscii = "Reception desk, building 4, second floor, east wing";
    assertThat(callerIdName(ascii(longAscii))).isEqualTo(longAscii);
  }

  /**
   * A UserEvent carries any header name its sender chose. The second message is read with the header
   * names guessed from the first (LayoutGuess compares the wire bytes): it must decode the same.
   */
  @Test
  void headerNamesFollowTheSameRuleAlsoWhenGuessed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      out.writeBytes(ascii("Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: Badge\r\n"));
      out.writeBytes("Bürocode: 7\r\nGrüße: hi\r\n\r\n".getBytes(i == 1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
    }
    Recorder r = parse(out.toByteArray());
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages).hasSize(3).allSatisfy(m -> {
      assertThat(m.name(3)).isEqualTo("Bürocode");
      assertThat(m.get("Grüße")).isEqualTo("hi");
    });
  }

  /** Asterisk 13 and older: raw Command output lines up to --END COMMAND-- (CLI shows caller names too). */
  @Test
  void oldFollowsOutputLinesFollowTheSameRule() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("Response: Follows\r\nPrivilege: Command\r\nActionID: x\r\n"));
    out.writeBytes("PJSIP/100-00000001   Zoë\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes("PJSIP/101-00000002   Café\n".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("PJSIP/102-00000003   Müller--END COMMAND--\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    Recorder r = parse(out.toByteArray());
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages).singleElement().satisfies(m -> assertThat(m.getAll("Output")).containsExactly(
      "PJSIP/100-00000001   Zoë", "PJSIP/101-00000002   Café", "PJSIP/102-00000003   Müller"));
  }
}
