package io.github.vertxasterisk.bench.e2e;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.common.EventMeta;
import io.github.vertxasterisk.common.SheddingConsumer;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The subscriber node of {@link EndToEndBench}, in its own small JVM: subscribes to the PBX's event
 * firehose and measures events/s and the latency from the holder's socket read ({@code
 * _meta.receivedAt}, millisecond clock, same machine) to this handler; then the round trip of
 * {@code ping()} through the service proxy (this node -> holder -> AMI -> back) at a fixed
 * concurrency. Talks to the harness through stdout: READY, RESULT lines, STOP-STREAM.
 *
 * <p>Args: cluster JSON, warmup s, measure s, slow-consumer µs per event (0 = fast), action
 * concurrency, action seconds (0 = skip), {@code single} (consume {@code .events}) or {@code batch}
 * (consume {@code .events.batch}), how many batches may wait before the subscriber sheds (single events:
 * 256 times that).
 */
public final class SubscriberNode {
  private final Recorder latencyUs = new Recorder(3);
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong highestSeq = new AtomicLong();
  private final long slowNanos;
  private SheddingConsumer<JsonObject> consumer;

  private SubscriberNode(long slowMicros) {
    this.slowNanos = slowMicros * 1_000;
  }

  public static void main(String[] args) throws Exception {
    JsonObject cluster = new JsonObject(args[0]);
    int warmupS = Integer.parseInt(args[1]);
    int measureS = Integer.parseInt(args[2]);
    SubscriberNode node = new SubscriberNode(Long.parseLong(args[3]));
    int concurrency = Integer.parseInt(args[4]);
    int actionS = Integer.parseInt(args[5]);
    boolean batch = args[6].equals("batch");
    int waitingBatches = Integer.parseInt(args[7]);

    Vertx vertx = ClusterSetup.start(cluster, EndToEndBench.nodeOptions()).toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxy(vertx, EndToEndBench.ADDRESSES.service());
    awaitConnected(ami);
    // Bounded: at most that many batches (of up to 256 events) or 256 times as many single events
    // wait; beyond, messages are shed.
    node.consumer = (batch
      ? SheddingConsumer.<JsonObject>subscribe(vertx, EndToEndBench.ADDRESSES.eventBatches(), waitingBatches,
          m -> m.body().getJsonArray("events").forEach(e -> node.onEvent((JsonObject) e)))
      : SheddingConsumer.<JsonObject>subscribe(vertx, EndToEndBench.ADDRESSES.events(), waitingBatches * 256, m -> node.onEvent(m.body())))
      .toCompletionStage().toCompletableFuture().get();
    System.out.println("READY");
    node.measureEvents(warmupS, measureS);
    System.out.println("STOP-STREAM");
    if (actionS > 0) {
      TimeUnit.SECONDS.sleep(2); // let the stream's tail drain
      new ActionLoad(vertx, ami, concurrency).run(2, actionS);
    }
    System.exit(0);
  }

  private void onEvent(JsonObject event) {
    JsonObject meta = event.getJsonObject(EventMeta.FIELD);
    latencyUs.recordValue(Math.max(0, System.currentTimeMillis() - meta.getLong("receivedAt")) * 1_000);
    received.incrementAndGet();
    highestSeq.accumulateAndGet(meta.getLong("seq"), Math::max);
    if (slowNanos > 0) {
      // A slow consumer on purpose: busy for that long per event on its event loop.
      long until = System.nanoTime() + slowNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
  }

  private void measureEvents(int warmupS, int measureS) throws InterruptedException {
    TimeUnit.SECONDS.sleep(warmupS);
    latencyUs.reset();
    ProcessCpu.percentOfOneCore(); // starts the CPU window
    long count0 = received.get();
    long seq0 = highestSeq.get();
    long shed0 = consumer.shed();
    long t0 = System.nanoTime();
    TimeUnit.SECONDS.sleep(measureS);
    long seconds = System.nanoTime() - t0;
    Histogram h = latencyUs.getIntervalHistogram();
    long count = received.get() - count0;
    double s = seconds / 1e9;
    System.out.println("RESULT events " + new JsonObject()
      .put("seconds", round(s))
      .put("received", count)
      .put("eventsPerSecond", Math.round(count / s))
      .put("seqAdvance", highestSeq.get() - seq0)
      .put("messagesShed", consumer.shed() - shed0)
      .put("cpuPercentOfOneCore", ProcessCpu.percentOfOneCore())
      .put("latencyMs", percentiles(h, 1_000.0))
      .encode());
  }

  private static void awaitConnected(AmiService ami) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      try {
        JsonObject info = ami.info().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
        if ("connected".equals(info.getString("state"))) {
          return;
        }
      } catch (Exception notYet) {
        // no holder yet
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException("the holder never connected");
  }

  static JsonObject percentiles(Histogram h, double unit) {
    return new JsonObject()
      .put("count", h.getTotalCount())
      .put("p50", round(h.getValueAtPercentile(50) / unit))
      .put("p99", round(h.getValueAtPercentile(99) / unit))
      .put("p99.9", round(h.getValueAtPercentile(99.9) / unit))
      .put("max", round(h.getMaxValue() / unit));
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
