package io.github.vertxasterisk.ami.codec;

import static io.github.vertxasterisk.ami.codec.Captures.headers;
import static io.github.vertxasterisk.ami.codec.Captures.parseWhole;
import static io.github.vertxasterisk.ami.codec.Captures.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.vertxasterisk.ami.codec.Captures.Header;
import io.github.vertxasterisk.ami.codec.Captures.Recorder;
import io.github.vertxasterisk.ami.codec.Captures.Reference;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser against every real capture: the whole file, every split point, random chunkings and the
 * real TCP read boundaries all give exactly what an independent, naive splitter finds.
 */
class AmiParserCaptureTest {

  /** The 448 KB burst capture split at every boundary would be 448k full re-parses (~200 GB to parse, hours). */
  private static final String BURST = "10-burst-50-originates";
  /**
   * For the burst capture only every 1999th boundary (a prime, so the cuts land at every offset within
   * lines and messages) plus every boundary of its first 1500 bytes (banner, login, first events).
   */
  private static final int BURST_STRIDE = 1999;
  private static final int BURST_WINDOW = 1500;
  private static final int RANDOM_CHUNKINGS = 200;

  static Stream<String> scenarios() {
    return Captures.scenarios();
  }

  /**
   * Every Event, Response, ActionID and Output name of a capture is the constant itself, so the
   * case-insensitive lookups done on every message (isEvent, eventName, actionId) end at the identity
   * check. Command output (capture 05) and OriginateResponse included.
   */
  @ParameterizedTest
  @MethodSource("scenarios")
  void wellKnownHeaderNamesAreTheConstantsThemselves(String scenario) {
    List<String> constants = List.of(AmiMessage.EVENT, AmiMessage.RESPONSE, AmiMessage.ACTION_ID, AmiMessage.OUTPUT);
    int seen = 0;
    for (AmiMessage message : parseWhole(Captures.server(scenario), true).messages) {
      for (int i = 0; i < message.size(); i++) {
        int known = constants.indexOf(message.name(i));
        if (known >= 0) {
          assertThat(message.name(i)).isSameAs(constants.get(known));
          seen++;
        }
      }
    }
    assertThat(seen).isPositive();
  }

  static Stream<String> timelineScenarios() {
    return Captures.timelineScenarios();
  }

  @Test
  void everyCaptureFileIsInTheTestResources() {
    List<String> expected = new ArrayList<>();
    expected.add("README.md");
    for (String s : Captures.SCENARIOS) {
      expected.add(s + ".client.txt");
      expected.add(s + ".server.txt");
      if (!s.equals(Captures.NO_TIMELINE)) {
        expected.add(s + ".timeline.jsonl");
      }
    }
    assertThat(Captures.listDir()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void serverCaptureInOneChunkGivesTheReferenceMessages(String scenario) {
    byte[] bytes = Captures.server(scenario);
    Reference ref = reference(bytes, true);
    Recorder r = parseWhole(bytes, true);

    assertThat(ref.bannerVersion()).isEqualTo("11.0.0");
    assertThat(r.banners).containsExactly("11.0.0");
    assertThat(r.fatal).isEmpty();
    assertThat(r.rejected).isEmpty();
    assertThat(ref.messages()).isNotEmpty();
    assertThat(headers(r.messages)).containsExactlyElementsOf(ref.messages());
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void clientCaptureParsesWithoutBanner(String scenario) {
    byte[] bytes = Captures.client(scenario);
    Reference ref = reference(bytes, false);
    Recorder r = new Recorder();
    new AmiParser(AmiCodecLimits.defaults(), r, false).handle(Buffer.buffer(bytes));

    assertThat(r.banners).isEmpty();
    assertThat(r.fatal).isEmpty();
    assertThat(r.rejected).isEmpty();
    assertThat(ref.messages()).isNotEmpty();
    assertThat(headers(r.messages)).containsExactlyElementsOf(ref.messages());
    // Every message a client writes is an action (07 also has one without Action: Asterisk's
    // "Missing action in request" case), so none is an event.
    assertThat(r.messages).noneMatch(AmiMessage::isEvent);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everySingleSplitPointGivesTheSameResult(String scenario) {
    byte[] bytes = Captures.server(scenario);
    List<Object> expected = parseWhole(bytes, true).events;
    assertThat(expected).isNotEmpty();
    int checked = 0;
    for (int cut = 1; cut < bytes.length; cut++) {
      if (scenario.equals(BURST) && cut > BURST_WINDOW && cut % BURST_STRIDE != 0) {
        continue;
      }
      Recorder r = Captures.parseCut(bytes, true, cut);
      if (!r.events.equals(expected)) {
        assertThat(r.events).as("%s split at %d", scenario, cut).containsExactlyElementsOf(expected);
      }
      checked++;
    }
    if (scenario.equals(BURST)) {
      assertThat(checked).isGreaterThan(BURST_WINDOW + (bytes.length - BURST_WINDOW) / BURST_STRIDE - 1);
    } else {
      assertThat(checked).isEqualTo(bytes.length - 1);
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void randomChunkingsGiveTheSameResult(String scenario) {
    byte[] bytes = Captures.server(scenario);
    List<Object> expected = parseWhole(bytes, true).events;
    Random random = new Random(scenario.hashCode());
    // Chunk sizes 1..max, where max varies from tiny (byte-by-byte-ish) to the whole file.
    int[] maxima = {1, 3, 17, 256, 1460, 8192, bytes.length};
    for (int round = 0; round < RANDOM_CHUNKINGS; round++) {
      int max = Math.max(1, Math.min(bytes.length, maxima[round % maxima.length]));
      if (bytes.length > 100_000 && max < 17 && round >= maxima.length) {
        max = 17; // byte-by-byte over 448 KB once per size is enough; keeps the run short
      }
      List<Integer> cuts = new ArrayList<>();
      int pos = 0;
      while (true) {
        pos += 1 + random.nextInt(max);
        if (pos >= bytes.length) {
          break;
        }
        cuts.add(pos);
      }
      Recorder r = Captures.parseCut(bytes, true, cuts.stream().mapToInt(Integer::intValue).toArray());
      if (!r.events.equals(expected)) {
        fail("%s round %d (max chunk %d) differs; cuts %s", scenario, round, max,
          cuts.size() > 50 ? cuts.subList(0, 50) + "..." : cuts);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("timelineScenarios")
  void realTcpReadBoundariesGiveTheSameResult(String scenario) {
    byte[] bytes = Captures.server(scenario);
    List<byte[]> chunks = Captures.serverChunks(scenario);
    // The timeline is the same traffic: its S>C chunks concatenate to the .server.txt file.
    byte[] joined = chunks.stream().reduce(new byte[0], (a, b) -> {
      byte[] c = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      return c;
    });
    assertThat(joined).isEqualTo(bytes);
    assertThat(chunks.get(chunks.size() - 1)).as("EOF marker last").isEmpty();
    assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(c -> c.length == 0);

    Recorder r = new Recorder();
    AmiParser parser = Captures.parser(r, true);
    for (byte[] chunk : chunks) {
      if (chunk.length == 0) {
        break; // EOF
      }
      parser.handle(Buffer.buffer(chunk));
    }
    assertThat(parser.bufferedBytes()).as("nothing left half-read at EOF").isZero();
    assertThat(r.events).containsExactlyElementsOf(parseWhole(bytes, true).events);
  }

  @Test
  void timelinesReallySplitMessagesAndBatchThem() {
    // 11: "one response is split across two TCP reads": some read ends in the middle of a message.
    List<byte[]> pipelined = Captures.serverChunks("11-pipelined-actions");
    assertThat(pipelined.subList(0, pipelined.size() - 1))
      .anyMatch(c -> !new String(c, StandardCharsets.UTF_8).endsWith("\r\n\r\n")
        && !new String(c, StandardCharsets.UTF_8).equals("Asterisk Call Manager/11.0.0\r\n"));
    // 10: one read holds dozens of events.
    int most = Captures.serverChunks(BURST).stream()
      .mapToInt(c -> new String(c, StandardCharsets.UTF_8).split("\r\n\r\n", -1).length - 1).max().orElse(0);
    assertThat(most).isGreaterThan(24);
  }

  @Test
  void lowerCaseNamesNoSpaceAndLfOnlyLinesInTheClientCapture() {
    Recorder r = new Recorder();
    new AmiParser(AmiCodecLimits.defaults(), r, false).handle(Buffer.buffer(Captures.client("07-errors")));

    assertThat(r.rejected).isEmpty();
    List<List<Header>> tail = headers(r.messages).subList(r.messages.size() - 4, r.messages.size());
    assertThat(tail).containsExactly(
      List.of(new Header("action", "ping"), new Header("actionid", "lowercase-headers")),
      List.of(new Header("Action", "Ping"), new Header("ActionID", "no-space-after-colon")),
      List.of(new Header("Action", "Ping"), new Header("ActionID", "lf-only")),
      List.of(new Header("Action", "Logoff"), new Header("ActionID", "bye")));
    AmiMessage lower = r.messages.get(r.messages.size() - 4);
    assertThat(lower.get("Action")).isEqualTo("ping");
    assertThat(lower.actionId()).isEqualTo("lowercase-headers");
    // The message without Action header is kept as it was written.
    assertThat(r.messages).anyMatch(m -> "no-action-header".equals(m.actionId()) && m.get("Action") == null
      && "bar".equals(m.get("Foo")));
  }
}
