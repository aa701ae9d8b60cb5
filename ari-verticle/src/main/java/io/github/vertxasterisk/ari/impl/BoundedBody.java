package io.github.vertxasterisk.ari.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A REST answer's body, kept whole up to {@code maxBytes}: the web client's own buffer codec keeps
 * whatever the server sends, so a broken server or proxy answering without end would fill the heap.
 * Past the bound the body fails with {@link TooLarge}, and {@link AriRestClient} closes the connection
 * rather than read the rest; so it does with {@link TooLate} for body data that still arrives after the
 * call's deadline (a server trickling a byte now and then never goes idle, and would keep a pooled
 * connection busy for good).
 */
final class BoundedBody implements BodyStream<Buffer> {

  /** The answer had more than the bound allows. */
  static final class TooLarge extends RuntimeException {
    TooLarge(int maxBytes) {
      super("an answer larger than " + maxBytes + " bytes (maxResponseBytes)", null, false, false);
    }
  }

  /**
   * More of the answer came after its call had timed out (a server trickling a byte now and then never
   * goes idle): the connection is closed rather than kept busy reading it for good.
   */
  static final class TooLate extends RuntimeException {
    TooLate() {
      super("the answer was still coming in after requestTimeoutMs", null, false, false);
    }
  }

  private final Promise<Buffer> result = Promise.promise();
  private final Buffer body = Buffer.buffer();
  private final int maxBytes;
  /** {@code System.nanoTime()} after which more of the body fails it with {@link TooLate}. */
  private final long deadlineNanos;

  private BoundedBody(int maxBytes, long deadlineNanos) {
    this.maxBytes = maxBytes;
    this.deadlineNanos = deadlineNanos;
  }

  /** At most {@code maxBytes}, and nothing more after {@code deadlineNanos} ({@code System.nanoTime()}). */
  static BodyCodec<Buffer> codec(int maxBytes, long deadlineNanos) {
    return () -> new BoundedBody(maxBytes, deadlineNanos);
  }

  @Override
  public Future<Buffer> result() {
    return result.future();
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (result.future().isComplete()) {
      return Future.failedFuture("the body is already complete");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      TooLate tooLate = new TooLate();
      result.tryFail(tooLate);
      return Future.failedFuture(tooLate);
    }
    if (data.length() > maxBytes - body.length()) {
      TooLarge tooLarge = new TooLarge(maxBytes);
      result.tryFail(tooLarge);
      return Future.failedFuture(tooLarge);
    }
    body.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    result.tryComplete(body);
    return Future.succeededFuture();
  }

  /** The response failed (e.g. the connection closed mid-body). */
  @Override
  public void handle(Throwable failure) {
    result.tryFail(failure);
  }

  @Override
  public BodyStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public BodyStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public BodyStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
