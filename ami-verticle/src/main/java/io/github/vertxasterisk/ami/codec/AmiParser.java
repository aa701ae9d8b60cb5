package io.github.vertxasterisk.ami.codec;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the AMI byte stream into {@link AmiMessage}s: a pure {@code Handler<Buffer>} state machine,
 * fed whatever TCP delivers (a message split anywhere, or dozens in one read).
 *
 * <p>The stream is a banner line ({@code Asterisk Call Manager/11.0.0}) then messages of
 * {@code Name: value} lines ended by an empty line. Lines end with CRLF, or a bare LF (Asterisk
 * accepts both and itself emits a stray LF in some messages). Only the incomplete tail line is ever
 * buffered, and never more than {@code maxLineBytes} of it: an over-long line or message is dropped
 * and reported through {@link Listener#rejected}; parsing resumes at the next message. A peer whose
 * first line is not an AMI banner is not Asterisk: {@link Listener#fatal} and nothing more is parsed.
 *
 * <p>Names and values are bytes to Asterisk: each is decoded as UTF-8 when it is valid UTF-8, else as
 * ISO-8859-1 ({@link PeerText}), so that no byte becomes U+FFFD.
 */
public final class AmiParser implements Handler<Buffer> {

  /** Receives what the parser finds, on the thread that feeds it. */
  public interface Listener {
    /** The banner's version part, e.g. {@code "11.0.0"}. */
    void banner(String amiVersion);

    void message(AmiMessage message);

    /** A malformed or oversized message was dropped; parsing goes on. */
    void rejected(String reason);

    /**
     * The same, with the dropped message's ActionID when it had one: an action's answer too large to
     * keep is still an answer, and its caller can be told so rather than wait for a timeout.
     */
    default void rejected(String reason, String actionId) {
      rejected(reason);
    }

    /** The peer is not AMI; the parser ignores everything after this. */
    void fatal(String reason);
  }

  static final String BANNER_PREFIX = "Asterisk Call Manager";
  private static final String END_COMMAND = "--END COMMAND--";
  private static final int MAX_BANNER_BYTES = 256;
  /**
   * Longest header name kept. Asterisk's own are under 40 bytes, but a UserEvent names its headers
   * freely, and Vert.x's JSON decoder (Jackson's StreamReadConstraints) refuses a field name over 50,000
   * characters: such an event would be written fine on the holder and lost, with its whole
   * {@code .events.batch}, on every other node.
   */
  static final int MAX_NAME_BYTES = 1024;
  // Room for a socket read (Netty reads at most 64 KiB) plus an incomplete line: kept between reads.
  // Giving the buffer back after every drained read and growing it again at the next big one was a
  // third of the parser's garbage in the codec benchmark. Only memory a huge line needed beyond this
  // is given back.
  private static final int STEADY_BUFFER_BYTES = 128 * 1024;

  // Eight bytes at a time when looking for the end of a line or a colon (see endOfLine).
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW_BITS = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LF_WORD = LOW_BITS * '\n';
  private static final long COLON_WORD = LOW_BITS * ':';

  private final AmiCodecLimits limits;
  private final Listener listener;
  // Most names, values and header lists repeat: reused, not allocated per message (about 320 KB of
  // tables per parser, plus the recent short Strings they keep alive). 4,096 slots each, because two
  // hot tokens sharing a slot evict each other at every use: with 1,024, one pass over the recorded
  // streams missed 0.48 names and 1.03 values per event; with 4,096, 0.10 and 0.48, about the first
  // sightings.
  private final AsciiStringCache nameCache = new AsciiStringCache(4096, 32);
  private final AsciiStringCache valueCache = new AsciiStringCache(4096, 32);
  private final HeaderLayouts layouts = new HeaderLayouts();
  private final LayoutGuess guess = new LayoutGuess();

  // Bytes received but not yet parsed: always at most one incomplete line plus the newest chunk.
  private byte[] buf = new byte[4096];
  private int head;
  private int tail;

  private boolean expectBanner;
  private boolean failed;
  private boolean discardingLine;
  // The first ':' of the line endOfLine last found, or -1: found in the same pass as the line's end.
  private int colon;

  // The message being assembled.
  private String[] names = new String[32];
  private String[] values = new String[32];
  private int count;
  private int messageBytes;
  private String rejectReason;
  private String rejectedActionId; // of the message being dropped, when one was seen
  private boolean follows;
  private boolean followsBody;
  private boolean followsEnded;

  public AmiParser(AmiCodecLimits limits, Listener listener) {
    this(limits, listener, true);
  }

  /**
   * @param expectBanner false to parse a stream that starts directly with messages (e.g. what a
   *     client writes), true for what an AMI server sends
   */
  public AmiParser(AmiCodecLimits limits, Listener listener, boolean expectBanner) {
    this.limits = limits;
    this.listener = listener;
    this.expectBanner = expectBanner;
    // Messages then carry these very Strings, and the equalsIgnoreCase of every isEvent(), eventName()
    // and actionId() succeeds at its identity check, not after comparing letters.
    for (String name : new String[] {AmiMessage.EVENT, AmiMessage.RESPONSE, AmiMessage.ACTION_ID, AmiMessage.OUTPUT}) {
      nameCache.seed(name);
    }
  }

  @Override
  public void handle(Buffer chunk) {
    if (failed) {
      return;
    }
    append(chunk);
    parseLines();
  }

  /** How many bytes are buffered waiting for the end of their line (bounded by maxLineBytes). */
  public int bufferedBytes() {
    return tail - head;
  }

  /** True when complete lines of a message were read but not yet its closing empty line. */
  public boolean insideMessage() {
    return messageBytes > 0;
  }

  /** Tests only: the size of the buffer the parser keeps. */
  int bufferCapacity() {
    return buf.length;
  }

  private void append(Buffer chunk) {
    int len = chunk.length();
    if (tail + len > buf.length) {
      int pending = tail - head;
      if (pending + len > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pending + len));
      }
      System.arraycopy(buf, head, buf, 0, pending);
      head = 0;
      tail = pending;
    }
    chunk.getBytes(0, len, buf, tail);
    tail += len;
  }

  private void parseLines() {
    while (head < tail && !failed) {
      int lf = endOfLine(head, tail);
      if (discardingLine) {
        head = lf < 0 ? tail : lf + 1;
        discardingLine = lf < 0;
        continue;
      }
      if (lf < 0) {
        checkIncompleteLine();
        break;
      }
      int end = lf > head && buf[lf - 1] == '\r' ? lf - 1 : lf;
      int start = head;
      head = lf + 1;
      line(start, end);
    }
    if (head == tail) {
      head = 0;
      tail = 0;
      if (buf.length > STEADY_BUFFER_BYTES) {
        buf = new byte[STEADY_BUFFER_BYTES];
      }
    }
  }

  /**
   * The first LF in [from, to), or -1; also sets {@link #colon}. SWAR, eight bytes at a time: in each
   * word, a byte equal to the one sought becomes zero after the XOR, and (x - 0x01..) & ~x sets the
   * high bit of the lowest zero byte exactly (borrows only mark bytes above it). Looking for both
   * bytes in one pass reads each line once.
   */
  private int endOfLine(int from, int to) {
    byte[] b = buf;
    int colonAt = -1;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(b, i);
      if (colonAt < 0) {
        long colons = lowestZeroByte(word ^ COLON_WORD);
        if (colons != 0) {
          colonAt = i + (Long.numberOfTrailingZeros(colons) >>> 3);
        }
      }
      long lfs = lowestZeroByte(word ^ LF_WORD);
      if (lfs != 0) {
        int lf = i + (Long.numberOfTrailingZeros(lfs) >>> 3);
        colon = colonAt < lf ? colonAt : -1;
        return lf;
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        colon = colonAt;
        return i;
      }
      if (colonAt < 0 && b[i] == ':') {
        colonAt = i;
      }
    }
    return -1;
  }

  private static long lowestZeroByte(long x) {
    return (x - LOW_BITS) & ~x & HIGH_BITS;
  }

  /** An incomplete line already over a bound can only be dropped: never buffer it further. */
  private void checkIncompleteLine() {
    int pending = tail - head;
    // A CR at the very end may be the first half of the CRLF: it is not part of the line (yet), and
    // counting it would make the outcome depend on where TCP cut the stream.
    if (buf[tail - 1] == '\r') {
      pending--;
    }
    if (expectBanner && pending > MAX_BANNER_BYTES) {
      failLongBanner(head);
    } else if (pending > limits.maxLineBytes()) {
      reject("a line longer than " + limits.maxLineBytes() + " bytes");
      discardingLine = true;
      head = tail;
    }
  }

  private void line(int start, int end) {
    if (expectBanner) {
      banner(start, end);
      return;
    }
    if (start == end) {
      if (follows && !followsEnded && rejectReason == null) {
        addOutputLine(""); // an empty CLI line inside old-style output, not the end of the message
      } else {
        endOfMessage();
      }
      return;
    }
    messageBytes += end - start + 2;
    if (rejectReason != null) {
      noteRejectedActionId(start, end);
      return;
    }
    if (end - start > limits.maxLineBytes()) {
      reject("a line longer than " + limits.maxLineBytes() + " bytes");
      return;
    }
    if (messageBytes > limits.maxMessageBytes()) {
      reject("a message larger than " + limits.maxMessageBytes() + " bytes");
      noteRejectedActionId(start, end); // the line that crossed the limit may be the ActionID
      return;
    }
    if (followsBody) {
      followsLine(start, end);
      return;
    }
    if (colon < 0) {
      if (follows) {
        followsBody = true;
        followsLine(start, end);
      } else {
        reject("a line without ':' (" + printable(start, end) + ")");
      }
      return;
    }
    int nameEnd = trimEnd(start, colon);
    if (nameEnd - start > MAX_NAME_BYTES) {
      if (follows) {
        followsBody = true; // no header of that form: Command output
        followsLine(start, end);
      } else {
        reject("a header name longer than " + MAX_NAME_BYTES + " bytes");
      }
      return;
    }
    String name = count == 0 ? null : guess.name(count, buf, start, nameEnd);
    if (name == null) {
      name = nameCache.get(buf, start, nameEnd);
    }
    int valueStart = valueStart(end);
    if (follows && !isFollowsHeader(name)) {
      followsBody = true;
      followsLine(start, end);
      return;
    }
    add(name, valueCache.get(buf, valueStart, end));
    if (count == 1) {
      guess.begin(name, values[0]);
      if (AmiMessage.RESPONSE.equalsIgnoreCase(name) && "Follows".equalsIgnoreCase(values[0])) {
        follows = true; // Asterisk 13 and older: raw Command output until --END COMMAND--
      }
    }
  }

  /** Where the value of the line ending at {@code end} starts: after its colon and one blank. */
  private int valueStart(int end) {
    int start = colon + 1;
    return start < end && buf[start] == ' ' ? start + 1 : start; // one: CLI output lines keep their indentation
  }

  /** A line of a message being dropped: only its ActionID is kept (the first, as Asterisk reads it). */
  private void noteRejectedActionId(int start, int end) {
    if (rejectedActionId != null || colon < 0 || end - start > limits.maxLineBytes()) {
      return;
    }
    int nameEnd = trimEnd(start, colon);
    if (nameEnd - start == AmiMessage.ACTION_ID.length()
      && AmiMessage.ACTION_ID.equalsIgnoreCase(new String(buf, start, nameEnd - start, StandardCharsets.ISO_8859_1))) {
      int valueStart = valueStart(end);
      rejectedActionId = PeerText.decode(buf, valueStart, end - valueStart);
    }
  }

  private static boolean isFollowsHeader(String name) {
    return "Privilege".equalsIgnoreCase(name) || AmiMessage.ACTION_ID.equalsIgnoreCase(name)
      || "Message".equalsIgnoreCase(name);
  }

  private void followsLine(int start, int end) {
    String text = PeerText.decode(buf, start, end - start);
    if (text.endsWith(END_COMMAND)) {
      followsEnded = true;
      text = text.substring(0, text.length() - END_COMMAND.length());
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      if (!text.isEmpty()) {
        addOutputLine(text);
      }
    } else {
      addOutputLine(text);
    }
  }

  private void addOutputLine(String text) {
    guess.forget(); // Command output: no two alike
    add(AmiMessage.OUTPUT, text);
  }

  private void add(String name, String value) {
    if (count == limits.maxHeaders()) {
      reject("more than " + limits.maxHeaders() + " headers");
      if (rejectedActionId == null && AmiMessage.ACTION_ID.equalsIgnoreCase(name)) {
        rejectedActionId = value; // Asterisk puts it last in some events (Status)
      }
      return;
    }
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    names[count] = name;
    values[count] = value;
    count++;
  }

  private void endOfMessage() {
    if (rejectReason != null) {
      listener.rejected(rejectReason, rejectedActionId);
    } else if (count > 0) {
      listener.message(new AmiMessage(layoutOf(names, count), Arrays.copyOf(values, count), count));
    }
    guess.forget();
    if (names.length > 256) {
      names = new String[32];
      values = new String[32];
    } else {
      Arrays.fill(names, 0, count, null); // let the strings go (slots from count on are always null)
      Arrays.fill(values, 0, count, null);
    }
    count = 0;
    messageBytes = 0;
    rejectReason = null;
    rejectedActionId = null;
    follows = false;
    followsBody = false;
    followsEnded = false;
  }

  private String[] layoutOf(String[] names, int count) {
    HeaderLayouts.Layout layout = guess.confirmed(count);
    if (layout == null) {
      layout = layouts.get(names, count);
      if (layout == null) {
        return Arrays.copyOf(names, count); // too many headers to share (Command output)
      }
      guess.learn(layout);
    }
    return layout.names;
  }

  private void reject(String reason) {
    if (rejectReason == null) {
      rejectReason = reason;
    }
    for (int i = 0; i < count && rejectedActionId == null; i++) {
      if (AmiMessage.ACTION_ID.equalsIgnoreCase(names[i])) {
        rejectedActionId = values[i];
      }
    }
    Arrays.fill(names, 0, count, null);
    Arrays.fill(values, 0, count, null);
    count = 0;
  }

  private void banner(int start, int end) {
    if (end - start > MAX_BANNER_BYTES) {
      failLongBanner(start); // as when the line arrives in pieces (checkIncompleteLine)
      return;
    }
    String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
    int slash = line.indexOf('/');
    if (!line.startsWith(BANNER_PREFIX) || slash < 0) {
      fail("expected an AMI banner '" + BANNER_PREFIX + "/<version>', got: " + printable(start, Math.min(end, start + 60)));
      return;
    }
    expectBanner = false;
    listener.banner(line.substring(slash + 1).trim());
  }

  private void failLongBanner(int start) {
    fail("expected an AMI banner '" + BANNER_PREFIX + "/<version>', got a first line longer than " + MAX_BANNER_BYTES
      + " bytes: " + printable(start, start + 60));
  }

  private void fail(String reason) {
    failed = true;
    head = 0;
    tail = 0;
    listener.fatal(reason);
  }

  private int trimEnd(int start, int end) {
    while (end > start && buf[end - 1] == ' ') {
      end--;
    }
    return end;
  }

  /** A short, log-safe rendering of peer bytes: control characters escaped. */
  private String printable(int start, int end) {
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < Math.min(end, tail); i++) {
      int c = buf[i] & 0xff;
      if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.toString();
  }
}
