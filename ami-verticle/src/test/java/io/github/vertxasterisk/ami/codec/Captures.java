package io.github.vertxasterisk.ami.codec;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test support: the real Asterisk 22.10.1 captures in {@code src/test/resources/captures/ami}, an
 * independent reference splitter, and a listener that records what the parser reports.
 */
final class Captures {

  /** Every scenario recorded; the directory listing is checked against it so none is forgotten. */
  static final List<String> SCENARIOS = List.of(
    "01-banner-login-ok-logoff",
    "01b-login-md5-challenge",
    "02-login-failure",
    "03-ping",
    "04-originate-async-local100-events",
    "04b-originate-failures-and-sync",
    "05-call-up-coreshowchannels-status-vars-hangup",
    "06-command-action",
    "07-errors",
    "08-misc-actions",
    "09-events-off-on-filter",
    "10-burst-50-originates",
    "11-pipelined-actions",
    "12-shutdown-restart");

  /** 12-shutdown-restart was recorded without a timeline. */
  static final String NO_TIMELINE = "12-shutdown-restart";

  private Captures() {
  }

  static Path dir() {
    URL url = Captures.class.getResource("/captures/ami/README.md");
    if (url == null) {
      throw new IllegalStateException("captures/ami not on the test classpath");
    }
    try {
      return Paths.get(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path path(String file) {
    return dir().resolve(file);
  }

  static byte[] bytes(String file) {
    try (InputStream in = Captures.class.getResourceAsStream("/captures/ami/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing capture " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] server(String scenario) {
    return bytes(scenario + ".server.txt");
  }

  static byte[] client(String scenario) {
    return bytes(scenario + ".client.txt");
  }

  static Stream<String> scenarios() {
    return SCENARIOS.stream();
  }

  static Stream<String> timelineScenarios() {
    return SCENARIOS.stream().filter(s -> !s.equals(NO_TIMELINE));
  }

  /** The S>C chunks of a timeline in order; an empty array is the EOF marker. */
  static List<byte[]> serverChunks(String scenario) {
    String text = new String(bytes(scenario + ".timeline.jsonl"), StandardCharsets.UTF_8);
    List<byte[]> chunks = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject entry = new JsonObject(line);
      if ("S>C".equals(entry.getString("dir"))) {
        chunks.add(entry.getString("data").getBytes(StandardCharsets.UTF_8));
      }
    }
    return chunks;
  }

  static List<String> listDir() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The reference splitter: deliberately naive, shares no code with AmiParser.

  record Header(String name, String value) {
  }

  record Reference(String bannerVersion, List<List<Header>> messages) {
  }

  /**
   * Splits the text into lines on LF, drops one CR before each LF (so CRLF, LF-only lines and the bare
   * LF Asterisk puts into CoreShowChannelMap's Message all work), the first line is the banner if
   * {@code banner}; messages are the runs of non-empty lines between empty lines. A header is split at
   * its first ':'; one space after the colon is not part of the value. A run not closed by an empty
   * line is not a message (it never ended).
   */
  static Reference reference(byte[] bytes, boolean banner) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    int i = 0;
    String version = null;
    if (banner) {
      String first = stripCr(lines[0]);
      version = first.substring(first.indexOf('/') + 1);
      i = 1;
    }
    List<List<Header>> messages = new ArrayList<>();
    List<Header> current = new ArrayList<>();
    // The piece after the last LF is an unterminated line: never part of a message.
    for (; i < lines.length - 1; i++) {
      String line = stripCr(lines[i]);
      if (line.isEmpty()) {
        if (!current.isEmpty()) {
          messages.add(current);
          current = new ArrayList<>();
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("reference splitter: no ':' in " + line);
      }
      String value = line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      current.add(new Header(line.substring(0, colon), value));
    }
    return new Reference(version, messages);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  static List<Header> headers(AmiMessage m) {
    List<Header> list = new ArrayList<>(m.size());
    for (int i = 0; i < m.size(); i++) {
      list.add(new Header(m.name(i), m.value(i)));
    }
    return list;
  }

  static List<List<Header>> headers(List<AmiMessage> messages) {
    return messages.stream().map(Captures::headers).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Feeding the parser.

  /** Records every callback, in order. */
  static final class Recorder implements AmiParser.Listener {
    final List<String> banners = new ArrayList<>();
    final List<AmiMessage> messages = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    /** The ActionID of each rejected message ("" when it had none). */
    final List<String> rejectedActionIds = new ArrayList<>();
    final List<String> fatal = new ArrayList<>();
    /** Every callback as one string, to compare whole runs including interleaving. */
    final List<Object> events = new ArrayList<>();

    @Override
    public void banner(String amiVersion) {
      banners.add(amiVersion);
      events.add("banner " + amiVersion);
    }

    @Override
    public void message(AmiMessage message) {
      messages.add(message);
      events.add(message);
    }

    @Override
    public void rejected(String reason, String actionId) {
      rejectedActionIds.add(actionId == null ? "" : actionId);
      rejected(reason);
    }

    @Override
    public void rejected(String reason) {
      rejected.add(reason);
      events.add("rejected " + reason);
    }

    @Override
    public void fatal(String reason) {
      fatal.add(reason);
      events.add("fatal " + reason);
    }
  }

  static AmiParser parser(Recorder recorder, boolean banner) {
    return new AmiParser(AmiCodecLimits.defaults(), recorder, banner);
  }

  static Recorder parseWhole(byte[] bytes, boolean banner) {
    Recorder r = new Recorder();
    parser(r, banner).handle(Buffer.buffer(bytes));
    return r;
  }

  /** Feeds {@code bytes} cut at the given ascending offsets (0 and length excluded). */
  static Recorder parseCut(byte[] bytes, boolean banner, int... cuts) {
    Recorder r = new Recorder();
    AmiParser p = parser(r, banner);
    int from = 0;
    for (int cut : cuts) {
      p.handle(slice(bytes, from, cut));
      from = cut;
    }
    p.handle(slice(bytes, from, bytes.length));
    return r;
  }

  static Buffer slice(byte[] bytes, int from, int to) {
    byte[] part = new byte[to - from];
    System.arraycopy(bytes, from, part, 0, part.length);
    return Buffer.buffer(part);
  }
}
