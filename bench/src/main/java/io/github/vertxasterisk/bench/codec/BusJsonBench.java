package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiCodecLimits;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.json.WireJsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one {@code .events.batch} message of 256 recorded events (with their {@code _meta}) costs on
 * the clustered bus, per event: its encoding on the holder, by Vert.x's Jackson codec
 * ({@code jackson}) and by the suite's {@link WireJsonObject} ({@code wire}), and its decoding into a
 * JsonObject on the receiving node ({@code decode}: Jackson, what every Vert.x consumer pays).
 * One operation is one event. Command: see docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BusJsonBench {
  private static final int BATCH = 256;

  private JsonObject plainBatch;
  private WireJsonObject wireBatch;
  private Buffer encoded;

  @Setup(Level.Trial)
  public void setUp() {
    List<Object> events = new ArrayList<>();
    AmiParser parser = new AmiParser(AmiCodecLimits.defaults(), new AmiParser.Listener() {
      @Override
      public void banner(String amiVersion) {
      }

      @Override
      public void message(AmiMessage message) {
        if (events.size() < BATCH) {
          events.add(new WireJsonObject(message.toJson().getMap())
            .put(EventMeta.FIELD, EventMeta.of("pbx1", "6f1c2d3e-aa10-4c1e-9d7e-8a1f0b2c3d4e", 1, events.size() + 1,
              1_763_650_000_000L + events.size())));
        }
      }

      @Override
      public void rejected(String reason) {
        throw new IllegalStateException(reason);
      }

      @Override
      public void fatal(String reason) {
        throw new IllegalStateException(reason);
      }
    });
    parser.handle(Buffer.buffer(RecordedStream.withBanner()));
    plainBatch = new JsonObject().put("events", new JsonArray(events));
    wireBatch = new WireJsonObject();
    wireBatch.put("events", new JsonArray(events));
    encoded = Json.CODEC.toBuffer(plainBatch, false);
    if (!wireBatch.toBuffer().equals(encoded)) {
      throw new IllegalStateException("the two encoders disagree");
    }
    System.out.printf("%nbatch: %d events, %d bytes of JSON (%d per event)%n", BATCH, encoded.length(), encoded.length() / BATCH);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Buffer jackson() {
    return plainBatch.toBuffer();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Buffer wire() {
    return wireBatch.toBuffer();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public JsonObject decode() {
    return new JsonObject(encoded);
  }
}
