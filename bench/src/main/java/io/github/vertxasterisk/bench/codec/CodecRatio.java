package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.asteriskjava.manager.internal.CountingDispatcher;
import org.asteriskjava.manager.internal.ManagerReaderImpl;

/**
 * The codec's ratio to asterisk-java on a shared machine: the same recorded stream through our
 * {@link AmiParser} (parse only, then parse and {@code toJson()}) and through asterisk-java's
 * {@code ManagerReaderImpl}, in alternating rounds in one thread, each timed in this thread's CPU
 * time and in wall-clock time. JMH ({@link AmiCodecBench}) runs each benchmark for a minute on its own, and another user's
 * load in that minute moved asterisk-java's score from 80k to 139k events/s between runs: the ratio of
 * two such scores says as much about the hour as about the codecs. Here other users' load hits both
 * sides of a pair alike, and the ratio is taken per pair.
 *
 * <p>Two ratios per pair. In CPU time, which leaves out the collections done by the GC's own threads:
 * nearly all asterisk-java's (6.2 KB allocated per event against our 0.17), so this one leans its
 * way. In wall-clock time, as JMH measures: collection pauses count, wherever they fall, and so does
 * time the machine gave to others. Argument: the number of measured rounds (200). Command:
 * docs/benchmarks.md.
 */
public final class CodecRatio {
  private static final int WARMUP_ROUNDS = 20;
  // Our pass over the stream is ~10x shorter than asterisk-java's: several make a round long
  // enough for the CPU clock's resolution and the scheduler's time slices.
  private static final int OUR_PASSES_PER_ROUND = 4;

  private final byte[] stream = RecordedStream.withBanner();
  private final Buffer[] reads = RecordedStream.reads(stream);
  private final CountingDispatcher theirEvents = new CountingDispatcher(event -> { });
  private final ManagerReaderImpl theirReader = CountingDispatcher.reader(theirEvents);
  private Object last; // every message is stored here, so the JIT cannot drop the work

  private CodecRatio() {
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    new CodecRatio().run(rounds);
  }

  private void run(int rounds) {
    Timed ours = new Timed(rounds);
    Timed oursJson = new Timed(rounds);
    Timed theirs = new Timed(rounds);
    for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
      int slot = Math.max(r, 0); // warm-up rounds are overwritten
      ours.time(slot, () -> ourPasses(false));
      theirs.time(slot, this::theirPass);
      oursJson.time(slot, () -> ourPasses(true));
    }
    System.out.printf("recorded stream: %d bytes, %d events; %d paired rounds after %d warm-up rounds%n",
      stream.length, RecordedStream.EVENTS, rounds, WARMUP_ROUNDS);
    print("AmiParser, events per CPU second", ours.cpu);
    print("AmiParser + toJson, events per CPU second", oursJson.cpu);
    print("asterisk-java, events per CPU second", theirs.cpu);
    print("ratio AmiParser / asterisk-java, CPU", ratios(ours.cpu, theirs.cpu));
    print("ratio AmiParser + toJson / asterisk-java, CPU", ratios(oursJson.cpu, theirs.cpu));
    print("ratio AmiParser / asterisk-java, wall", ratios(ours.wall, theirs.wall));
    print("ratio AmiParser + toJson / asterisk-java, wall", ratios(oursJson.wall, theirs.wall));
  }

  /** Events per second of each round, in this thread's CPU time and in wall-clock time. */
  private static final class Timed {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    final double[] cpu;
    final double[] wall;

    Timed(int rounds) {
      cpu = new double[rounds];
      wall = new double[rounds];
    }

    void time(int round, LongSupplier pass) {
      long cpuStart = CPU.getCurrentThreadCpuTime();
      long wallStart = System.nanoTime();
      long events = pass.getAsLong();
      wall[round] = events * 1e9 / (System.nanoTime() - wallStart);
      cpu[round] = events * 1e9 / (CPU.getCurrentThreadCpuTime() - cpuStart);
    }
  }

  private static double[] ratios(double[] ours, double[] theirs) {
    double[] ratio = new double[ours.length];
    for (int r = 0; r < ratio.length; r++) {
      ratio[r] = ours[r] / theirs[r];
    }
    return ratio;
  }

  private long ourPasses(boolean toJson) {
    int events = CodecPass.parse(reads, OUR_PASSES_PER_ROUND, message -> last = toJson ? message.toJson() : message);
    return check(events, OUR_PASSES_PER_ROUND);
  }

  private long theirPass() {
    theirEvents.reset();
    theirReader.setSocket(new ReplayedSocket(stream));
    theirReader.run();
    return check(theirEvents.events(), 1);
  }

  private static long check(long events, int passes) {
    if (events != (long) RecordedStream.EVENTS * passes) {
      throw new IllegalStateException(events + " events in " + passes + " passes, expected " + RecordedStream.EVENTS + " each");
    }
    return events;
  }

  private static void print(String what, double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    boolean ratio = what.startsWith("ratio");
    String format = ratio ? "%-47s median %.2fx, quartiles %.2fx-%.2fx, min %.2fx, max %.2fx%n"
      : "%-47s median %,.0f, quartiles %,.0f-%,.0f, min %,.0f, max %,.0f%n";
    System.out.printf(format, what, sorted[n / 2], sorted[n / 4], sorted[3 * n / 4], sorted[0], sorted[n - 1]);
  }
}
