package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.internal.CountingDispatcher;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Events parsed per second, single thread, from the same recorded stream ({@link RecordedStream}):
 *
 * <ul>
 *   <li>{@code amiParser}: our {@link AmiParser} fed 64 KiB reads (what a socket read delivers), each
 *       message to a Blackhole;</li>
 *   <li>{@code amiParserToJson}: the same plus {@link AmiMessage#toJson()}, the JSON the verticle
 *       publishes: the codec's real per-event cost in the suite;</li>
 *   <li>{@code asteriskJava}: asterisk-java 3.41.0's {@code ManagerReaderImpl.run()} on a replayed
 *       socket: its line splitting, header map and {@code EventBuilderImpl} (typed ManagerEvent beans),
 *       each event to a Blackhole.</li>
 * </ul>
 *
 * One JMH operation is one event ({@link OperationsPerInvocation}), so {@code ops/s} is events/s and
 * {@code gc.alloc.rate.norm} is bytes allocated per event. Command: see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AmiCodecBench {
  private byte[] stream;
  private Buffer[] reads;
  private ManagerReaderImpl asteriskJavaReader;
  private CountingDispatcher asteriskJavaEvents;
  private Blackhole sink;

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    stream = RecordedStream.withBanner();
    reads = RecordedStream.reads(stream);
    // Built once: its EventBuilderImpl scans and registers hundreds of event classes.
    asteriskJavaEvents = new CountingDispatcher(blackhole::consume);
    asteriskJavaReader = CountingDispatcher.reader(asteriskJavaEvents);
    checkBothSeeEveryEvent();
  }

  @Benchmark
  @OperationsPerInvocation(RecordedStream.EVENTS)
  public int amiParser() {
    return parseAll(false);
  }

  @Benchmark
  @OperationsPerInvocation(RecordedStream.EVENTS)
  public int amiParserToJson() {
    return parseAll(true);
  }

  /** The whole stream through a fresh parser, read by read as a socket delivers it. */
  private int parseAll(boolean toJson) {
    return CodecPass.parse(reads, 1, message -> sink.consume(toJson ? message.toJson() : message));
  }

  @Benchmark
  @OperationsPerInvocation(RecordedStream.EVENTS)
  public long asteriskJava() {
    asteriskJavaEvents.reset();
    asteriskJavaReader.setSocket(new ReplayedSocket(stream));
    asteriskJavaReader.run();
    return asteriskJavaEvents.events();
  }

  private void checkBothSeeEveryEvent() {
    int ours = amiParser();
    long theirs = asteriskJava();
    System.out.printf("%nrecorded stream: %d bytes, %d events; AmiParser saw %d, asterisk-java %d%n",
      stream.length, RecordedStream.EVENTS, ours, theirs);
    if (ours != RecordedStream.EVENTS) {
      throw new IllegalStateException("AmiParser parsed " + ours + " events, expected " + RecordedStream.EVENTS);
    }
  }
}
