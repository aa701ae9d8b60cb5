package io.github.vertxasterisk.ami.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AmiDecodeTest {

  static Stream<String> scenarios() {
    return Stream.of(
      "01-banner-login-ok-logoff", "01b-login-md5-challenge", "02-login-failure", "03-ping",
      "04-originate-async-local100-events", "04b-originate-failures-and-sync",
      "05-call-up-coreshowchannels-status-vars-hangup", "06-command-action", "07-errors", "08-misc-actions",
      "09-events-off-on-filter", "10-burst-50-originates", "11-pipelined-actions", "12-shutdown-restart");
  }

  record Result(int code, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  private static Result run(InputStream stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AmiDecode.run(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  private static Path capture(String file) {
    try {
      return Paths.get(AmiDecodeTest.class.getResource("/captures/ami/" + file).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String file) {
    try (InputStream in = AmiDecodeTest.class.getResourceAsStream("/captures/ami/" + file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the parser itself gives for the capture, as published JSON (without _meta). */
  private static List<String> parserJson(byte[] bytes, boolean banner) {
    List<String> json = new ArrayList<>();
    new AmiParser(AmiCodecLimits.defaults(), new AmiParser.Listener() {
      @Override
      public void banner(String amiVersion) {
      }

      @Override
      public void message(AmiMessage message) {
        json.add(message.toJson().encode());
      }

      @Override
      public void rejected(String reason) {
        throw new AssertionError(reason);
      }

      @Override
      public void fatal(String reason) {
        throw new AssertionError(reason);
      }
    }, banner).handle(Buffer.buffer(bytes));
    return json;
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void decodesEveryServerCaptureLikeTheParser(String scenario) {
    String file = scenario + ".server.txt";
    Result r = run("--no-meta", capture(file).toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> expected = parserJson(bytes(file), true);
    assertThat(expected).isNotEmpty();
    assertThat(r.lines()).containsExactlyElementsOf(expected);
    for (String line : r.lines()) {
      assertThat(new JsonObject(line).containsKey(EventMeta.FIELD)).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void decodesEveryClientCaptureFromStdin(String scenario) {
    String file = scenario + ".client.txt";
    Result r = run(new ByteArrayInputStream(bytes(file)), "--client", "--no-meta", "-");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.lines()).containsExactlyElementsOf(parserJson(bytes(file), false));
  }

  @Test
  void burstFromStdinIsReadInChunksAndMatches() {
    byte[] burst = bytes("10-burst-50-originates.server.txt");
    int[] biggestRead = {0};
    int[] reads = {0};
    InputStream watched = new ByteArrayInputStream(burst) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        int n = super.read(b, off, len);
        biggestRead[0] = Math.max(biggestRead[0], n);
        reads[0]++;
        return n;
      }

      @Override
      public synchronized byte[] readAllBytes() {
        throw new AssertionError("the whole stream must not be read at once");
      }
    };
    Result r = run(watched, "--no-meta");
    assertThat(r.code()).isZero();
    assertThat(biggestRead[0]).isLessThanOrEqualTo(64 * 1024);
    assertThat(reads[0]).isGreaterThan(burst.length / (64 * 1024));
    assertThat(r.lines()).containsExactlyElementsOf(parserJson(burst, true));
  }

  @Test
  void metaIsAddedWithSequenceAndPbx() {
    long before = System.currentTimeMillis();
    Result r = run(new ByteArrayInputStream(bytes("03-ping.server.txt")), "--pbx", "lab-7");
    long after = System.currentTimeMillis();
    assertThat(r.code()).isZero();
    List<String> lines = r.lines();
    List<String> plain = parserJson(bytes("03-ping.server.txt"), true);
    assertThat(lines).hasSize(plain.size()).hasSize(5);
    for (int i = 0; i < lines.size(); i++) {
      JsonObject json = new JsonObject(lines.get(i));
      JsonObject meta = (JsonObject) json.remove(EventMeta.FIELD);
      assertThat(json.encode()).isEqualTo(plain.get(i));
      assertThat(meta.fieldNames()).containsExactlyInAnyOrder("pbx", "node", "epoch", "seq", "receivedAt");
      assertThat(meta.getString("pbx")).isEqualTo("lab-7");
      assertThat(meta.getString("node")).isEqualTo("decode");
      assertThat(meta.getLong("epoch")).isZero();
      assertThat(meta.getLong("seq")).isEqualTo(i + 1L);
      assertThat(meta.getLong("receivedAt")).isBetween(before, after);
    }
  }

  @Test
  void defaultPbxIsPbx1() {
    Result r = run(new ByteArrayInputStream(bytes("02-login-failure.server.txt")));
    assertThat(r.code()).isZero();
    assertThat(r.lines()).singleElement()
      .satisfies(l -> assertThat(new JsonObject(l).getJsonObject("_meta").getString("pbx")).isEqualTo("pbx1"));
  }

  @Test
  void nonAmiStreamExitsWith2() {
    Result r = run(new ByteArrayInputStream(
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nResponse: Success\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(r.code()).isEqualTo(AmiDecode.EXIT_NOT_AMI).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("not an AMI stream").contains("HTTP/1.1 400 Bad Request");
  }

  @Test
  void clientCaptureWithoutClientFlagIsNotAmi() {
    Result r = run("--no-meta", capture("03-ping.client.txt").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
  }

  /** A file saved by an editor that strips trailing blank lines: the last message has no empty line. */
  @Test
  void aLastMessageWithoutItsEmptyLineIsReportedNotDecoded() {
    Result r = run(new ByteArrayInputStream(("Asterisk Call Manager/11.0.0\r\nEvent: A\r\n\r\n"
      + "Event: Shutdown\r\nShutdown: Cleanly\r\n").getBytes(StandardCharsets.US_ASCII)), "--no-meta");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("{\"Event\":\"A\"}\n");
    assertThat(r.err()).contains("the stream ended inside a message");
  }

  @Test
  void emptyStreamIsNotAmi() {
    Result r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("banner");
  }

  @Test
  void rejectedMessagesGoToStderrAndDecodingGoesOn() {
    String stream = "Asterisk Call Manager/11.0.0\r\nEvent: A\r\nno colon\r\n\r\nEvent: B\r\n\r\nEvent: C\r\nX: " ;
    Result r = run(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), "--no-meta");
    assertThat(r.code()).isZero();
    assertThat(r.lines()).containsExactly("{\"Event\":\"B\"}");
    assertThat(r.err()).contains("rejected a message").contains("without ':'")
      .contains("ended inside a line");
  }

  @Test
  void usageErrors() {
    assertThat(run("--bogus").code()).isEqualTo(1);
    assertThat(run("--pbx").code()).isEqualTo(1);
    assertThat(run("a", "b").code()).isEqualTo(1);
    Result missing = run(capture("03-ping.server.txt").resolveSibling("no-such-file.txt").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no such file");
    Result help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--no-meta").contains("--client").contains("--pbx");
  }
}
