package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random messages (repeated and new names and values, ASCII and UTF-8, short and long, shared and
 * differing header layouts) written to a stream, cut at random points, parsed back: each must come out
 * exactly as written, whatever the parser's caches held before.
 */
class AmiParserRoundTripTest {
  private static final String[] NAMES = {"Event", "Channel", "Uniqueid", "Linkedid", "CallerIDName", "Exten",
    "Context", "Value", "ChanVariable", "Zöne", "AVeryLongHeaderNameThatIsMoreThanThirtyTwoBytes"};
  private static final String[] VALUES = {"", "Up", "6", "PJSIP/100-00000001", "PJSIP/100-00000002",
    "1700000000.123", "1700000000.124", "from-internal", "Zoë Müller", "山田 太郎", "a: b: c",
    "a value of more than thirty-two bytes, so never cached", "12345678", "123456789"};

  @Test
  void randomMessagesCutAnywhereComeBackExactly() {
    Random random = new Random(7);
    List<AmiMessage> written = new ArrayList<>();
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int m = 0; m < 3000; m++) {
      int headers = 1 + random.nextInt(12);
      String[] pairs = new String[2 * headers];
      StringBuilder text = new StringBuilder();
      for (int h = 0; h < headers; h++) {
        pairs[2 * h] = h == 0 ? "Event" : NAMES[random.nextInt(NAMES.length)];
        pairs[2 * h + 1] = random.nextInt(4) == 0 ? Integer.toString(random.nextInt(100_000)) : VALUES[random.nextInt(VALUES.length)];
        text.append(pairs[2 * h]).append(": ").append(pairs[2 * h + 1]).append(random.nextBoolean() ? "\r\n" : "\n");
      }
      text.append("\r\n");
      written.add(AmiMessage.of(pairs));
      stream.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = stream.toByteArray();
    Captures.Recorder recorder = new Captures.Recorder();
    AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), recorder, false);
    for (int at = 0; at < bytes.length; ) {
      int to = Math.min(bytes.length, at + 1 + random.nextInt(random.nextBoolean() ? 16 : 9000));
      parser.handle(Captures.slice(bytes, at, to));
      at = to;
    }
    assertThat(recorder.rejected).isEmpty();
    assertThat(recorder.messages).containsExactlyElementsOf(written);
    for (int i = 0; i < written.size(); i++) {
      assertThat(recorder.messages.get(i).toJson()).as("message %d", i).isEqualTo(written.get(i).toJson());
    }
  }
}
