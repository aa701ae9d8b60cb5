package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console tail prints to the node's stdout, which can stop being read (a terminal paused with Ctrl-S, a
 * pipe to a pager or a log shipper that fell behind): a write then blocks. It must not block the event loop
 * it shares with the node's other verticles (one event loop on a small node: the AMI holder's).
 */
class ConsoleTailStalledStdoutTest {
  private final CountDownLatch stdoutReadAgain = new CountDownLatch(1);
  private final AtomicReference<String> writerThread = new AtomicReference<>();
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)
    // Vert.x's BlockedThreadChecker then warns within the test's 2 s
    .setBlockedThreadCheckInterval(100).setMaxEventLoopExecuteTime(500).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
    .setWarningExceptionTime(500).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));

  @AfterEach
  void close() throws Exception {
    stdoutReadAgain.countDown();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A stdout nobody reads: the first write waits until the test ends. */
  private PrintStream stalledStdout() {
    return new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        writerThread.compareAndSet(null, Thread.currentThread().getName());
        try {
          stdoutReadAgain.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, true);
  }

  @Test
  void aStdoutNobodyReadsDoesNotStopTheEventLoop() throws Exception {
    vertx.deployVerticle(new ConsoleTail(stalledStdout()), new DeploymentOptions()
        .setConfig(new JsonObject().put("prefix", "asterisk").put("pbxs", new JsonArray().add("pbx1"))))
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    vertx.eventBus().publish("asterisk.ami.pbx1.status", new JsonObject().put("pbx", "pbx1").put("state", "connected"));
    Await.eventually(Duration.ofSeconds(10), "the status line was written", () -> writerThread.get() != null);

    // Any other verticle's work on the (only) event loop, e.g. the AMI holder's lease check.
    CompletableFuture<Void> ran = new CompletableFuture<>();
    vertx.setTimer(1, id -> ran.complete(null));
    boolean eventLoopFree;
    try {
      ran.get(2, TimeUnit.SECONDS);
      eventLoopFree = true;
    } catch (java.util.concurrent.TimeoutException e) {
      eventLoopFree = false;
    }
    assertThat(eventLoopFree)
      .as("the event loop ran other work while stdout was not read (stdout was written on " + writerThread.get() + ")")
      .isTrue();
    assertThat(writerThread.get()).doesNotStartWith("vert.x-eventloop-thread");
  }
}
