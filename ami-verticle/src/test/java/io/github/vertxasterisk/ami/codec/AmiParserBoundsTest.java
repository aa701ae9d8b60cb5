package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vertxasterisk.ami.codec.Captures.Header;
import io.github.vertxasterisk.ami.codec.Captures.Recorder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad peers, over-long input, and the old {@code Response: Follows} Command form. */
class AmiParserBoundsTest {

  private static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private static final String NEXT = "Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n";

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Recorder feed(AmiCodecLimits limits, boolean banner, String... chunks) {
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(limits, r, banner);
    for (String c : chunks) {
      p.handle(Buffer.buffer(ascii(c)));
    }
    return r;
  }

  /** The input in one chunk, then cut at every point, then byte by byte: all must agree. */
  private static Recorder feedEverySplit(AmiCodecLimits limits, boolean banner, String input) {
    byte[] bytes = ascii(input);
    Recorder whole = new Recorder();
    new AmiParser(limits, whole, banner).handle(Buffer.buffer(bytes));
    for (int cut = 1; cut < bytes.length; cut++) {
      Recorder r = new Recorder();
      AmiParser p = new AmiParser(limits, r, banner);
      p.handle(Captures.slice(bytes, 0, cut));
      p.handle(Captures.slice(bytes, cut, bytes.length));
      assertThat(r.events).as("split at %d", cut).containsExactlyElementsOf(whole.events);
    }
    Recorder bytewise = new Recorder();
    AmiParser p = new AmiParser(limits, bytewise, banner);
    for (int i = 0; i < bytes.length; i++) {
      p.handle(Captures.slice(bytes, i, i + 1));
    }
    assertThat(bytewise.events).as("byte by byte").containsExactlyElementsOf(whole.events);
    return whole;
  }

  private static AmiCodecLimits small() {
    return new AmiCodecLimits(128, 1024, 20);
  }

  // ---------------------------------------------------------------------------------------------
  // Not AMI at all

  @Test
  void httpPeerIsFatalAndNothingMoreIsParsed() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true,
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n" + NEXT);
    assertThat(r.fatal).hasSize(1);
    assertThat(r.fatal.get(0)).contains("expected an AMI banner").contains("HTTP/1.1 400 Bad Request");
    assertThat(r.banners).isEmpty();
    assertThat(r.messages).isEmpty();
    assertThat(r.rejected).isEmpty();
  }

  @Test
  void sshPeerIsFatalEvenIfAmiFollows() {
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(AmiCodecLimits.defaults(), r, true);
    p.handle(Buffer.buffer("SSH-2.0-OpenSSH_9.2\r\n"));
    p.handle(Buffer.buffer(BANNER + NEXT));
    assertThat(r.fatal).singleElement().asString().contains("SSH-2.0-OpenSSH_9.2");
    assertThat(r.banners).isEmpty();
    assertThat(r.messages).isEmpty();
    assertThat(p.bufferedBytes()).isZero();
  }

  @Test
  void threeHundredBytesWithoutNewlineIsFatalWithoutWaitingForMore() {
    byte[] junk = new byte[300];
    Arrays.fill(junk, (byte) 'x');
    junk[0] = 0x16; // a TLS record, say: control bytes are escaped in the reason
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(AmiCodecLimits.defaults(), r, true);
    for (int i = 0; i < junk.length; i += 10) {
      p.handle(Captures.slice(junk, i, i + 10));
    }
    assertThat(r.fatal).singleElement().asString()
      .contains("longer than 256 bytes").contains("\\x16xxx").doesNotContain("\u0016");
    assertThat(p.bufferedBytes()).isZero();
    p.handle(Buffer.buffer("\r\n" + NEXT));
    assertThat(r.messages).isEmpty();
    assertThat(r.fatal).hasSize(1);
  }

  @Test
  void emptyFirstLineIsNotABanner() {
    Recorder r = feed(AmiCodecLimits.defaults(), true, "\r\n" + BANNER + NEXT);
    assertThat(r.fatal).hasSize(1);
    assertThat(r.messages).isEmpty();
  }

  @Test
  void bannerLongerThan256BytesIsFatalWhereverTheStreamIsCut() {
    String banner = "Asterisk Call Manager/" + "9".repeat(256 - 21);
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, banner + "\r\n" + NEXT);
    assertThat(r.fatal).singleElement().asString().contains("longer than 256 bytes").contains("Asterisk Call Manager/99");
    assertThat(r.banners).isEmpty();
    assertThat(r.messages).isEmpty();
  }

  @Test
  void bannerOfExactly256BytesIsAcceptedWhereverTheStreamIsCut() {
    String version = "9".repeat(256 - 22);
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, "Asterisk Call Manager/" + version + "\r\n" + NEXT);
    assertThat(r.fatal).isEmpty();
    assertThat(r.banners).containsExactly(version);
    assertThat(r.messages).hasSize(1);
  }

  @Test
  void bannerWithLfOnly() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, "Asterisk Call Manager/2.10.4\n" + NEXT);
    assertThat(r.banners).containsExactly("2.10.4");
    assertThat(r.messages).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Bounds

  @Test
  void overLongLineIsRejectedOnceAndTheNextMessageParses() {
    String input = BANNER + "Event: Big\r\nData: " + "x".repeat(500) + "\r\nMore: y\r\n\r\n" + NEXT;
    Recorder r = feedEverySplit(small(), true, input);
    assertThat(r.rejected).singleElement().asString().contains("line longer than 128");
    assertThat(r.messages).hasSize(1);
    assertThat(r.messages.get(0).eventName()).isEqualTo("FullyBooted");
  }

  @Test
  void lineOfExactlyMaxLineBytesIsAcceptedWhereverTheStreamIsCut() {
    String value = "v".repeat(128 - "Data: ".length());
    String input = BANNER + "Event: Edge\r\nData: " + value + "\r\n\r\n" + NEXT;
    Recorder r = feedEverySplit(small(), true, input);
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages).hasSize(2);
    assertThat(r.messages.get(0).get("Data")).isEqualTo(value);
  }

  @Test
  void lineOfMaxLinePlusOneIsRejectedWhereverTheStreamIsCut() {
    String input = BANNER + "Event: Edge\r\nData: " + "v".repeat(128 - "Data: ".length() + 1) + "\r\n\r\n" + NEXT;
    Recorder r = feedEverySplit(small(), true, input);
    assertThat(r.rejected).hasSize(1);
    assertThat(r.messages).hasSize(1);
  }

  /**
   * A UserEvent names its headers freely; a name Vert.x's JSON decoder would refuse on the other nodes
   * (over 50,000 characters) cost the event and its whole .events.batch there (found by review).
   */
  @Test
  void aHeaderNameOverTheBoundIsRejectedAndTheBoundItselfIsKept() {
    String atBound = "N".repeat(AmiParser.MAX_NAME_BYTES);
    String input = BANNER + "Event: UserEvent\r\nUserEvent: report\r\n" + atBound + "N: 1\r\nActionID: a1\r\n\r\n"
      + "Event: UserEvent\r\nUserEvent: report\r\n" + atBound + "  : 2\r\n\r\n" + NEXT;
    Recorder r = feed(AmiCodecLimits.defaults(), true, input);
    assertThat(r.rejected).containsExactly("a header name longer than 1024 bytes");
    assertThat(r.rejectedActionIds).containsExactly("a1");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("UserEvent", "FullyBooted");
    assertThat(r.messages.get(0).get(atBound)).isEqualTo("2");
  }

  @Test
  void aLimitAllowingValuesVertxCannotDecodeIsRefused() {
    assertThatThrownBy(() -> new AmiCodecLimits(20_000_001, 20_000_001, 10))
      .hasMessage("maxLineBytes must be at most 20000000 (the longest string Vert.x's JSON decoder reads), got 20000001");
  }

  @Test
  void overLongMessageIsRejectedOnceAndTheNextMessageParses() {
    StringBuilder sb = new StringBuilder(BANNER).append("Event: Huge\r\n");
    for (int i = 0; i < 20; i++) {
      sb.append("Header").append(i).append(": ").append("y".repeat(90)).append("\r\n");
    }
    sb.append("\r\n").append(NEXT);
    Recorder r = feedEverySplit(small(), true, sb.toString());
    assertThat(r.rejected).singleElement().asString().contains("message larger than 1024");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
  }

  @Test
  void tooManyHeadersIsRejected() {
    StringBuilder sb = new StringBuilder("Event: Many\r\n");
    for (int i = 0; i < 25; i++) {
      sb.append("H: ").append(i).append("\r\n");
    }
    sb.append("\r\n").append(NEXT);
    Recorder r = feedEverySplit(small(), false, sb.toString());
    assertThat(r.rejected).singleElement().asString().contains("more than 20 headers");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
  }

  @Test
  void aRejectedMessageStillNamesItsActionIdWhereverItCame() {
    // an answer too large to keep is still an answer: its caller is told, not left to time out
    StringBuilder early = new StringBuilder("Response: Success\r\nActionID: early-1\r\n");
    StringBuilder late = new StringBuilder("Response: Success\r\n");
    for (int i = 0; i < 25; i++) {
      early.append("Output: ").append(i).append("\r\n");
      late.append("Output: ").append(i).append("\r\n");
    }
    late.append("actionid: late-2\r\nActionID: not-this\r\n");
    String stream = early.append("\r\n").toString() + late.append("\r\n") + "Event: Big\r\n" + "H: x\r\n".repeat(25) + "\r\n";
    Recorder r = feedEverySplit(small(), false, stream + NEXT);
    assertThat(r.rejectedActionIds).containsExactly("early-1", "late-2", "");
  }

  @Test
  void socketReadsOfVaryingSizeReuseOneBuffer() {
    // A socket delivers whole messages in reads of varying size; the buffer that took the largest read
    // is kept for the next ones (it used to be dropped after each drained read and grown again).
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(AmiCodecLimits.defaults(), r, true);
    p.handle(Buffer.buffer(BANNER));
    int largest = 0;
    int events = 0;
    for (int read = 0; read < 20; read++) {
      int size = read % 2 == 0 ? 40 * 1024 : 60 * 1024;
      StringBuilder sb = new StringBuilder();
      while (sb.length() < size) {
        sb.append("Event: Newexten\r\nChannel: PJSIP/100-").append(events++).append("\r\nApplication: Dial\r\n\r\n");
      }
      p.handle(Buffer.buffer(sb.toString()));
      largest = Math.max(largest, sb.length());
      assertThat(p.bufferedBytes()).isZero();
      assertThat(p.bufferCapacity()).as("after read %d", read).isGreaterThanOrEqualTo(largest);
    }
    assertThat(r.messages).hasSize(events);
  }

  @Test
  void theMemoryOfAHugeLineIsGivenBack() {
    AmiCodecLimits limits = new AmiCodecLimits(1024 * 1024, 4 * 1024 * 1024, 1000);
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(limits, r, true);
    p.handle(Buffer.buffer(BANNER + "Event: Big\r\nData: "));
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'z');
    for (int i = 0; i < 14; i++) { // a 896 KiB line: under the 1 MiB limit, so it is buffered whole
      p.handle(Buffer.buffer(chunk));
    }
    assertThat(p.bufferCapacity()).isGreaterThan(896 * 1024);
    p.handle(Buffer.buffer("\r\n\r\n" + NEXT));
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("Big", "FullyBooted");
    assertThat(p.bufferCapacity()).isLessThanOrEqualTo(128 * 1024);
  }

  @Test
  void hundredMegabyteLineStreamedStaysBoundedAndIsRejected() {
    AmiCodecLimits limits = AmiCodecLimits.defaults();
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(limits, r, true);
    p.handle(Buffer.buffer(BANNER + "Event: Flood\r\nData: "));
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'z');
    Buffer b = Buffer.buffer(chunk);
    int maxBuffered = 0;
    for (int i = 0; i < 1600; i++) { // 1600 x 64 KiB = 100 MiB in one line
      p.handle(b);
      maxBuffered = Math.max(maxBuffered, p.bufferedBytes());
    }
    assertThat(maxBuffered).isLessThanOrEqualTo(limits.maxLineBytes() + chunk.length);
    assertThat(r.rejected).isEmpty(); // reported when the message ends
    p.handle(Buffer.buffer("\r\nMore: 1\r\n\r\n" + NEXT));
    assertThat(r.rejected).singleElement().asString().contains("line longer than 65536");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
    assertThat(p.bufferedBytes()).isZero();
  }

  @Test
  void hundredMegabyteMessageOfShortLinesStaysBoundedAndIsRejected() {
    AmiCodecLimits limits = AmiCodecLimits.defaults();
    Recorder r = new Recorder();
    AmiParser p = new AmiParser(limits, r, true);
    p.handle(Buffer.buffer(BANNER + "Event: Flood\r\n"));
    // 64 KiB of "Filler: ...\r\n" lines whose last line continues into the next chunk.
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 64 * 1024) {
      sb.append("Filler: ").append("f".repeat(120)).append("\r\n"); // 32k lines reach 4 MB before 50k headers
    }
    Buffer chunk = Buffer.buffer(sb.substring(0, 64 * 1024));
    int maxBuffered = 0;
    for (int i = 0; i < 1600; i++) {
      p.handle(chunk);
      maxBuffered = Math.max(maxBuffered, p.bufferedBytes());
    }
    assertThat(maxBuffered).isLessThanOrEqualTo(limits.maxLineBytes() + 64 * 1024);
    p.handle(Buffer.buffer("\r\n\r\n" + NEXT));
    assertThat(r.rejected).singleElement().asString().contains("message larger than");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
  }

  @Test
  void headerLineWithoutColonIsRejected() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true,
      BANNER + "Event: Odd\r\nthis line has no colon\r\nFoo: bar\r\n\r\n" + NEXT);
    assertThat(r.rejected).singleElement().asString().contains("without ':'").contains("this line has no colon");
    assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
  }

  /**
   * The end of a line and its ':' are found in one pass, eight bytes at a time: a ':' of the next
   * line read in the same eight bytes must not count for a short line without one.
   */
  @Test
  void shortLineWithoutColonIsRejectedAtEveryAlignment() {
    for (int shift = 0; shift < Long.BYTES; shift++) {
      Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true,
        BANNER + "Event: Odd" + "x".repeat(shift) + "\r\nab\r\nc: d\r\n\r\n" + NEXT);
      assertThat(r.rejected).as("shift %d", shift).singleElement().asString().contains("without ':' (ab)");
      assertThat(r.messages).extracting(AmiMessage::eventName).containsExactly("FullyBooted");
    }
  }

  @Test
  void emptyValuesAndColonsInValuesAreKept() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, BANNER
      + "Event: Newchannel\r\nAccountCode: \r\nSystemName:\r\nTimestamp: 1795416980.122445\r\n"
      + "EventTV: 2026-11-23T06:56:16.705+0000\r\nAppData: (Outgoing Line)\r\nData: a:b: c\r\n"
      + "Indented:   three spaces\r\n\r\n");
    assertThat(r.rejected).isEmpty();
    assertThat(Captures.headers(r.messages.get(0))).containsExactly(
      new Header("Event", "Newchannel"),
      new Header("AccountCode", ""),
      new Header("SystemName", ""),
      new Header("Timestamp", "1795416980.122445"),
      new Header("EventTV", "2026-11-23T06:56:16.705+0000"),
      new Header("AppData", "(Outgoing Line)"),
      new Header("Data", "a:b: c"),
      new Header("Indented", "  three spaces"));
  }

  @Test
  void manyBlankLinesBetweenMessagesCreateNoMessages() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, BANNER + "\r\n\n\r\n" + NEXT + "\r\n\r\n" + NEXT);
    assertThat(r.messages).hasSize(2);
    assertThat(r.rejected).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Asterisk 13 and older: Response: Follows ... --END COMMAND--

  private static final String FOLLOWS = "Response: Follows\r\nPrivilege: Command\r\nActionID: x\r\n"
    + "Channel              Location             State   Application(Data)\n"
    + "Local/100@test-0001;1 100@test:1          Up      Wait(20)\n"
    + "\n"
    + "Uptime: 1 hour, 2 minutes, 3 seconds\n"
    + "1 active channel\n"
    + "--END COMMAND--\r\n\r\n";

  @Test
  void anOldFollowsOutputLineWithALongPrefixBeforeAColonIsOutputNotAName() {
    String line = "w".repeat(AmiParser.MAX_NAME_BYTES + 1) + ": the rest";
    String input = BANNER + "Response: Follows\r\nPrivilege: Command\r\n" + line + "\n--END COMMAND--\r\n\r\n" + NEXT;
    Recorder r = feed(AmiCodecLimits.defaults(), true, input);
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages.get(0).getAll("Output")).containsExactly(line);
  }

  @Test
  void oldFollowsFormBecomesOutputHeaders() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, BANNER + FOLLOWS + NEXT);
    assertThat(r.rejected).isEmpty();
    assertThat(r.messages).hasSize(2);
    AmiMessage m = r.messages.get(0);
    assertThat(m.isResponse()).isTrue();
    assertThat(m.get("Response")).isEqualTo("Follows");
    assertThat(m.get("Privilege")).isEqualTo("Command");
    assertThat(m.actionId()).isEqualTo("x");
    assertThat(m.getAll("Output")).containsExactly(
      "Channel              Location             State   Application(Data)",
      "Local/100@test-0001;1 100@test:1          Up      Wait(20)",
      "",
      "Uptime: 1 hour, 2 minutes, 3 seconds",
      "1 active channel");
    assertThat(m.toJson().getJsonArray("Output")).hasSize(5);
    assertThat(m.toJson().containsKey("Uptime")).isFalse();
    assertThat(r.messages.get(1).eventName()).isEqualTo("FullyBooted");
  }

  @Test
  void oldFollowsFormWithoutNewlineBeforeEndMarker() {
    String input = BANNER + "Response: Follows\r\nPrivilege: Command\r\n"
      + "No such command 'foo'--END COMMAND--\r\n\r\n" + NEXT;
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true, input);
    assertThat(r.messages).hasSize(2);
    assertThat(r.messages.get(0).getAll("Output")).containsExactly("No such command 'foo'");
    assertThat(r.messages.get(0).actionId()).isNull();
  }

  @Test
  void oldFollowsFormWithEmptyOutput() {
    Recorder r = feedEverySplit(AmiCodecLimits.defaults(), true,
      BANNER + "Response: Follows\r\nPrivilege: Command\r\nActionID: e\r\n--END COMMAND--\r\n\r\n" + NEXT);
    assertThat(r.messages).hasSize(2);
    assertThat(r.messages.get(0).getAll("Output")).isEmpty();
    assertThat(r.messages.get(0).actionId()).isEqualTo("e");
  }

  @Test
  void followsStateDoesNotLeakIntoTheNextMessage() {
    Recorder r = feed(AmiCodecLimits.defaults(), true, BANNER + FOLLOWS,
      "Response: Success\r\nActionID: y\r\n\r\nEvent: X\r\nLine without colon\r\n\r\n");
    assertThat(r.messages).hasSize(2);
    assertThat(r.messages.get(1).actionId()).isEqualTo("y");
    assertThat(r.rejected).hasSize(1);
  }

  @Test
  void recordedHeadersOfAnOriginateResponseInBothOrders() {
    // OriginateResponse carries Event and Response: an event. A response carrying an Event header
    // later on (never seen, but possible) stays a response.
    AmiMessage ev = AmiMessage.of("Event", "OriginateResponse", "ActionID", "a", "Response", "Failure");
    AmiMessage resp = AmiMessage.of("Response", "Success", "ActionID", "a", "Event", "Odd");
    assertThat(ev.isEvent()).isTrue();
    assertThat(ev.isResponse()).isFalse();
    assertThat(resp.isEvent()).isFalse();
    assertThat(resp.isResponse()).isTrue();
    assertThat(List.of(ev.eventName(), resp.eventName())).containsExactly("OriginateResponse", "Odd");
  }
}
