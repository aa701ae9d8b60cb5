package io.github.vertxasterisk.ami.tools;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * {@code decode}: turns a raw AMI byte stream (what a server sent, banner first) into one JSON line per
 * message, exactly as the AMI verticle would publish it: the message's {@link AmiMessage#toJson()}
 * plus the {@value EventMeta#FIELD} object (a header the PBX itself named so is kept inside it, see
 * {@link EventMeta#attach}).
 *
 * <pre>
 * java -cp ... io.github.vertxasterisk.ami.tools.AmiDecode [--pbx ID] [--client] [--no-meta] [FILE|-]
 * </pre>
 *
 * <p>Reads FILE, or stdin for {@code -} or no argument, in 64 KiB chunks (never the whole stream at
 * once), with the parser's default limits. No Vert.x instance is started. Rejected messages and a
 * non-AMI stream are reported on stderr. Exit codes: 0 success, 1 usage or I/O error, 2 the stream is
 * not AMI (no banner).
 */
public final class AmiDecode {

  public static final int EXIT_OK = 0;
  public static final int EXIT_USAGE = 1;
  public static final int EXIT_NOT_AMI = 2;

  static final String NODE = "decode";
  static final int CHUNK = 64 * 1024;

  private static final String USAGE = String.join("\n",
    "usage: AmiDecode [--pbx ID] [--client] [--no-meta] [FILE|-]",
    "  Decodes a raw AMI byte stream into one JSON line per message, as published on the event bus.",
    "  FILE        the stream (a server's side of a session, banner first); '-' or none: stdin",
    "  --pbx ID    the pbx id put in _meta (default pbx1)",
    "  --client    the stream has no banner (e.g. what a client wrote)",
    "  --no-meta   leave out _meta (deterministic output)",
    "  exit codes: 0 ok, 1 usage or I/O error, 2 not an AMI stream");

  private AmiDecode() {
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), CHUNK),
      false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = run(System.in, out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * The whole command, testable: never calls {@code System.exit}, never closes {@code out}/{@code err}.
   *
   * @param stdin read when no FILE (or {@code -}) is given
   * @return the exit code
   */
  public static int run(InputStream stdin, PrintStream out, PrintStream err, String[] args) {
    String pbx = "pbx1";
    boolean banner = true;
    boolean meta = true;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--pbx" -> {
          if (i + 1 >= args.length || args[i + 1].isEmpty()) {
            return usage(err, "--pbx needs a value");
          }
          pbx = args[++i];
        }
        case "--client" -> banner = false;
        case "--no-meta" -> meta = false;
        case "-h", "--help" -> {
          out.println(USAGE);
          return EXIT_OK;
        }
        default -> {
          if (a.startsWith("--") || (a.startsWith("-") && !a.equals("-"))) {
            return usage(err, "unknown option " + a);
          }
          if (file != null) {
            return usage(err, "only one FILE may be given");
          }
          file = a;
        }
      }
    }

    Decoder decoder = new Decoder(out, err, pbx, meta);
    AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), decoder, banner);
    boolean fromStdin = file == null || file.equals("-");
    try (InputStream in = fromStdin ? new NonClosing(stdin) : Files.newInputStream(Paths.get(file))) {
      byte[] chunk = new byte[CHUNK];
      int n;
      while (!decoder.fatal && (n = in.read(chunk)) >= 0) {
        if (n > 0) {
          parser.handle(Buffer.buffer(Arrays.copyOf(chunk, n)));
        }
      }
    } catch (NoSuchFileException e) {
      err.println("ami-decode: no such file: " + file);
      return EXIT_USAGE;
    } catch (IOException e) {
      err.println("ami-decode: cannot read " + (fromStdin ? "stdin" : file) + ": " + e);
      return EXIT_USAGE;
    }
    out.flush();
    if (decoder.fatal) {
      return EXIT_NOT_AMI;
    }
    if (banner && !decoder.sawBanner) {
      err.println("ami-decode: not an AMI stream: it ended before an 'Asterisk Call Manager/<version>' banner line");
      return EXIT_NOT_AMI;
    }
    if (parser.bufferedBytes() > 0) {
      err.println("ami-decode: the stream ended inside a line (" + parser.bufferedBytes()
        + " bytes not decoded)");
    } else if (parser.insideMessage()) {
      err.println("ami-decode: the stream ended inside a message (no empty line after its last header): not decoded");
    }
    return EXIT_OK;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("ami-decode: " + problem);
    err.println(USAGE);
    return EXIT_USAGE;
  }

  /** Prints what the parser finds. */
  private static final class Decoder implements AmiParser.Listener {
    private final PrintStream out;
    private final PrintStream err;
    private final String pbx;
    private final boolean meta;
    private long seq;
    boolean sawBanner;
    boolean fatal;

    Decoder(PrintStream out, PrintStream err, String pbx, boolean meta) {
      this.out = out;
      this.err = err;
      this.pbx = pbx;
      this.meta = meta;
    }

    @Override
    public void banner(String amiVersion) {
      sawBanner = true;
    }

    @Override
    public void message(AmiMessage message) {
      JsonObject json = message.toJson();
      seq++;
      if (meta) {
        EventMeta.attach(json, EventMeta.of(pbx, NODE, 0, seq, System.currentTimeMillis()));
      }
      out.println(json.encode());
    }

    @Override
    public void rejected(String reason) {
      err.println("ami-decode: rejected a message: " + reason);
    }

    @Override
    public void fatal(String reason) {
      fatal = true;
      err.println("ami-decode: not an AMI stream: " + reason);
    }
  }

  /** stdin belongs to the caller: reading it to the end is fine, closing it is not. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // left open
    }
  }
}
