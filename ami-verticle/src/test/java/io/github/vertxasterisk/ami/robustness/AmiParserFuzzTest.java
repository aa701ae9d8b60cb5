package io.github.vertxasterisk.ami.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based fuzzing of {@link AmiParser} (bounded: a few hundred tries per property, a few
 * seconds in all). Whatever the peer sends, cut anywhere: nothing is thrown out of the codec, every
 * chunk is handled in bounded time (no loop), the bytes it keeps between chunks never exceed the
 * configured line limit, what it emits respects the limits, and after a fatal error it is silent.
 */
class AmiParserFuzzTest {
  /** The banner check has its own bound (AmiParser.MAX_BANNER_BYTES). */
  private static final int BANNER_BOUND = 256;
  private static final Duration NO_LOOP = Duration.ofSeconds(10);

  private static final List<String> CAPTURES = List.of(
    "01-banner-login-ok-logoff", "01b-login-md5-challenge", "02-login-failure", "03-ping",
    "04-originate-async-local100-events", "04b-originate-failures-and-sync",
    "05-call-up-coreshowchannels-status-vars-hangup", "06-command-action", "07-errors", "08-misc-actions",
    "09-events-off-on-filter", "11-pipelined-actions", "12-shutdown-restart");

  @Property(tries = 400)
  void arbitraryBytesNeverBreakTheParser(@ForAll @Size(max = 3000) byte[] bytes, @ForAll boolean banner,
                                         @ForAll("limits") AmiCodecLimits limits, @ForAll long cutSeed) {
    feedChecked(bytes, banner, limits, cutSeed);
  }

  /** Bytes drawn mostly from AMI's own alphabet (':', ' ', CR, LF, letters) reach deeper states. */
  @Property(tries = 400)
  void amiLikeNoiseNeverBreaksTheParser(@ForAll("amiLikeBytes") byte[] bytes, @ForAll boolean banner,
                                        @ForAll("limits") AmiCodecLimits limits, @ForAll long cutSeed) {
    byte[] withBanner = banner ? concat("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII), bytes) : bytes;
    feedChecked(withBanner, true, limits, cutSeed);
  }

  @Property(tries = 300)
  void mutatedCapturesNeverBreakTheParser(@ForAll("captures") String capture, @ForAll("limits") AmiCodecLimits limits,
                                          @ForAll @IntRange(min = 1, max = 40) int mutations, @ForAll long seed) {
    byte[] mutated = mutate(serverCapture(capture), mutations, new Random(seed));
    feedChecked(mutated, true, limits, seed);
  }

  /** An oversized message costs that message only: every valid message around it arrives intact. */
  @Property(tries = 200)
  void anOversizedMessageLosesNothingElse(@ForAll("captures") String capture, @ForAll @IntRange(min = 0, max = 30) int at,
                                          @ForAll long cutSeed) {
    AmiCodecLimits limits = new AmiCodecLimits(1024, 8192, 200);
    byte[] good = serverCapture(capture);
    Recorded clean = feedChecked(good, true, limits, cutSeed);
    int messageStart = nthMessageStart(good, Math.min(at, clean.messages.size()));
    byte[] huge = ("Event: Huge\r\nJunk: " + "x".repeat(5000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] withHuge = concat(Arrays.copyOfRange(good, 0, messageStart), huge, Arrays.copyOfRange(good, messageStart, good.length));

    Recorded dirty = feedChecked(withHuge, true, limits, cutSeed);

    assertThat(dirty.messages).isEqualTo(clean.messages);
    assertThat(dirty.rejected).hasSize(clean.rejected.size() + 1);
  }

  // ---------------------------------------------------------------------------------------------

  /** Feeds {@code bytes} in random cuts and checks every invariant after each chunk. */
  private static Recorded feedChecked(byte[] bytes, boolean banner, AmiCodecLimits limits, long cutSeed) {
    return assertTimeoutPreemptively(NO_LOOP, () -> {
      Recorded recorded = new Recorded(limits);
      AmiParser parser = new AmiParser(limits, recorded, banner);
      int bound = Math.max(limits.maxLineBytes(), banner ? BANNER_BOUND : 0) + 1; // +1: a CR awaiting its LF
      Random cuts = new Random(cutSeed);
      int from = 0;
      while (from < bytes.length) {
        int to = Math.min(bytes.length, from + 1 + cuts.nextInt(cuts.nextBoolean() ? 16 : 4096));
        parser.handle(Buffer.buffer(Arrays.copyOfRange(bytes, from, to)));
        assertThat(parser.bufferedBytes()).as("bytes kept after a chunk").isBetween(0, bound);
        from = to;
      }
      assertThat(recorded.fatal).as("fatal is reported once at most").hasSizeLessThanOrEqualTo(1);
      assertThat(recorded.afterFatal).as("callbacks after fatal").isZero();
      return recorded;
    });
  }

  /** Records the parser's output and checks each message against the limits as it comes. */
  private static final class Recorded implements AmiParser.Listener {
    private final AmiCodecLimits limits;
    final List<AmiMessage> messages = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> fatal = new ArrayList<>();
    int afterFatal;

    Recorded(AmiCodecLimits limits) {
      this.limits = limits;
    }

    @Override
    public void banner(String amiVersion) {
      count();
      assertThat(amiVersion).isNotNull();
    }

    @Override
    public void message(AmiMessage message) {
      count();
      assertThat(message.size()).isBetween(1, limits.maxHeaders());
      long chars = 0;
      for (int i = 0; i < message.size(); i++) {
        assertThat(message.value(i).length()).isLessThanOrEqualTo(limits.maxLineBytes());
        chars += message.name(i).length() + message.value(i).length();
      }
      assertThat(chars).isLessThanOrEqualTo(limits.maxMessageBytes());
      messages.add(message);
    }

    @Override
    public void rejected(String reason) {
      count();
      assertThat(reason).isNotBlank();
      rejected.add(reason);
    }

    @Override
    public void fatal(String reason) {
      count();
      assertThat(reason).isNotBlank();
      fatal.add(reason);
    }

    private void count() {
      if (!fatal.isEmpty()) {
        afterFatal++;
      }
    }
  }

  @Provide
  Arbitrary<AmiCodecLimits> limits() {
    Arbitrary<Integer> line = Arbitraries.integers().between(64, 2048);
    Arbitrary<Integer> messageFactor = Arbitraries.integers().between(1, 8);
    Arbitrary<Integer> headers = Arbitraries.integers().between(1, 64);
    Arbitrary<AmiCodecLimits> small = Combinators.combine(line, messageFactor, headers)
      .as((l, f, h) -> new AmiCodecLimits(l, l * f, h));
    return Arbitraries.frequencyOf(Tuple.of(4, small), Tuple.of(1, Arbitraries.just(AmiCodecLimits.defaults())));
  }

  @Provide
  Arbitrary<byte[]> amiLikeBytes() {
    Arbitrary<Byte> amiByte = Arbitraries.frequencyOf(
      Tuple.of(6, Arbitraries.of((byte) '\r', (byte) '\n')),
      Tuple.of(3, Arbitraries.of((byte) ':', (byte) ' ')),
      Tuple.of(10, Arbitraries.bytes().between((byte) 'A', (byte) 'z')),
      Tuple.of(1, Arbitraries.bytes()));
    Arbitrary<byte[]> fragments = Arbitraries.oneOf(
      amiByte.array(byte[].class).ofMaxSize(40),
      Arbitraries.of("Response: Follows\r\n", "--END COMMAND--\r\n", "Event: Newchannel\r\n", "\r\n\r\n",
        "Output: x\r\n", "Message: a\nb\r\n", "Privilege: call,all\r\n").map(s -> s.getBytes(StandardCharsets.US_ASCII)),
      Arbitraries.integers().between(60, 3000).map(n -> "y".repeat(n).getBytes(StandardCharsets.US_ASCII)));
    return fragments.list().ofMaxSize(60).map(parts -> concat(parts.toArray(byte[][]::new)));
  }

  @Provide
  Arbitrary<String> captures() {
    return Arbitraries.of(CAPTURES);
  }

  /** Byte flips, deletions, insertions (CR, LF, ':', random), duplicated and truncated runs. */
  private static byte[] mutate(byte[] original, int mutations, Random random) {
    byte[] b = original;
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(6)) {
        case 0 -> {
          b = b.clone();
          b[at] = (byte) random.nextInt(256);
        }
        case 1 -> b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + random.nextInt(64)), b.length));
        case 2 -> {
          byte[] insert = {"\r\n:\0 ".getBytes(StandardCharsets.ISO_8859_1)[random.nextInt(5)]};
          b = concat(Arrays.copyOfRange(b, 0, at), insert, Arrays.copyOfRange(b, at, b.length));
        }
        case 3 -> {
          int end = Math.min(b.length, at + random.nextInt(512));
          b = concat(Arrays.copyOfRange(b, 0, end), Arrays.copyOfRange(b, at, b.length));
        }
        case 4 -> b = Arrays.copyOfRange(b, 0, at);
        default -> {
          byte[] noise = new byte[1 + random.nextInt(300)];
          random.nextBytes(noise);
          b = concat(Arrays.copyOfRange(b, 0, at), noise, Arrays.copyOfRange(b, at, b.length));
        }
      }
    }
    return b;
  }

  /** The offset where message number {@code n} starts (after the banner line); the end if fewer. */
  private static int nthMessageStart(byte[] stream, int n) {
    String text = new String(stream, StandardCharsets.ISO_8859_1);
    int pos = text.indexOf('\n') + 1;
    for (int i = 0; i < n; i++) {
      int end = text.indexOf("\r\n\r\n", pos);
      if (end < 0) {
        return stream.length;
      }
      pos = end + 4;
    }
    return pos;
  }

  private static byte[] serverCapture(String scenario) {
    try (InputStream in = AmiParserFuzzTest.class.getResourceAsStream("/captures/ami/" + scenario + ".server.txt")) {
      if (in == null) {
        throw new IllegalStateException("missing capture " + scenario);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
