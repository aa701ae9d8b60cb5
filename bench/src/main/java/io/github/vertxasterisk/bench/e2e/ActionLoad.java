package io.github.vertxasterisk.bench.e2e;

import io.github.vertxasterisk.ami.api.AmiService;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A fixed number of {@code ping()} calls always in flight through the service proxy: each reply
 * (on this node's event loop) records its round trip and sends the next one.
 */
final class ActionLoad {
  private final Vertx vertx;
  private final AmiService ami;
  private final int concurrency;
  private final Recorder rttUs = new Recorder(3);
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean running = true;

  ActionLoad(Vertx vertx, AmiService ami, int concurrency) {
    this.vertx = vertx;
    this.ami = ami;
    this.concurrency = concurrency;
  }

  void run(int warmupS, int measureS) throws InterruptedException {
    vertx.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        next();
      }
    });
    TimeUnit.SECONDS.sleep(warmupS);
    rttUs.reset();
    long done0 = completed.get();
    long failed0 = failed.get();
    long t0 = System.nanoTime();
    TimeUnit.SECONDS.sleep(measureS);
    double s = (System.nanoTime() - t0) / 1e9;
    Histogram h = rttUs.getIntervalHistogram();
    long done = completed.get() - done0;
    running = false;
    System.out.println("RESULT actions " + new JsonObject()
      .put("concurrency", concurrency)
      .put("seconds", SubscriberNode.round(s))
      .put("completed", done)
      .put("failed", failed.get() - failed0)
      .put("actionsPerSecond", Math.round(done / s))
      .put("rttMs", SubscriberNode.percentiles(h, 1_000.0))
      .encode());
  }

  private void next() {
    if (!running) {
      return;
    }
    long start = System.nanoTime();
    ami.ping().onComplete(ar -> {
      if (ar.succeeded()) {
        rttUs.recordValue((System.nanoTime() - start) / 1_000);
        completed.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
      next();
    });
  }
}
