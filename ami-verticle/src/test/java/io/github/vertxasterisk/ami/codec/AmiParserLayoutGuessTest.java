package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser guesses a message's header names from the last message that began the same way: a
 * guess that is wrong anywhere (shorter, longer, reordered, another spelling) must change nothing.
 */
class AmiParserLayoutGuessTest {

  private static List<AmiMessage> parse(String stream) {
    Captures.Recorder recorder = new Captures.Recorder();
    new AmiParser(AmiCodecLimits.defaults(), recorder, false).handle(Buffer.buffer(stream.getBytes(StandardCharsets.UTF_8)));
    assertThat(recorder.rejected).isEmpty();
    return recorder.messages;
  }

  private static String wire(AmiMessage message) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < message.size(); i++) {
      sb.append(message.name(i)).append(": ").append(message.value(i)).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  @Test
  void messagesThatBeginAlikeButDifferLaterComeBackAsSent() {
    List<AmiMessage> layouts = List.of(
      AmiMessage.of("Event", "Newexten", "Channel", "PJSIP/1-01", "Uniqueid", "1.1"),
      AmiMessage.of("Event", "Newexten", "Channel", "PJSIP/1-01"),
      AmiMessage.of("Event", "Newexten", "Channel", "PJSIP/1-01", "Uniqueid", "1.1", "Extra", "x"),
      AmiMessage.of("Event", "Newexten", "Uniqueid", "1.1", "Channel", "PJSIP/1-01"),
      AmiMessage.of("Event", "Newexten", "channel", "PJSIP/1-01", "Uniqueid", "1.1"),
      AmiMessage.of("Event", "Newexten", "Channel", "PJSIP/1-01", "UniqueID", "1.1"),
      AmiMessage.of("Response", "Newexten", "Channel", "PJSIP/1-01", "Uniqueid", "1.1"));
    List<AmiMessage> written = new ArrayList<>();
    for (AmiMessage before : layouts) { // every layout right after every other, and after itself
      for (AmiMessage after : layouts) {
        written.add(before);
        written.add(after);
        written.add(after);
      }
    }
    StringBuilder stream = new StringBuilder();
    written.forEach(m -> stream.append(wire(m)));
    List<AmiMessage> parsed = parse(stream.toString());
    assertThat(parsed).containsExactlyElementsOf(written);
  }

  @Test
  void commandOutputIsNeverTakenForAnEarlierOnesLayout() {
    String withId = "Response: Follows\r\nPrivilege: Command\r\nActionID: 1\r\none\ntwo\n--END COMMAND--\r\n\r\n";
    String withoutId = "Response: Follows\r\nPrivilege: Command\r\none\ntwo\n--END COMMAND--\r\n\r\n";
    String threeLines = "Response: Follows\r\nPrivilege: Command\r\none\ntwo\nthree\n--END COMMAND--\r\n\r\n";
    List<AmiMessage> parsed = parse(withId + withoutId + withId + threeLines);
    assertThat(parsed).containsExactly(
      AmiMessage.of("Response", "Follows", "Privilege", "Command", "ActionID", "1", "Output", "one", "Output", "two"),
      AmiMessage.of("Response", "Follows", "Privilege", "Command", "Output", "one", "Output", "two"),
      AmiMessage.of("Response", "Follows", "Privilege", "Command", "ActionID", "1", "Output", "one", "Output", "two"),
      AmiMessage.of("Response", "Follows", "Privilege", "Command", "Output", "one", "Output", "two", "Output", "three"));
  }
}
