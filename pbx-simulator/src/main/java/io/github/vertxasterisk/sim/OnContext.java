package io.github.vertxasterisk.sim;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs simulator code on a server's own context: its state is confined there, while tests call the
 * controls from their own threads.
 */
public final class OnContext {
  private OnContext() {
  }

  /** The future {@code work} returns, run on {@code context}; a thrown exception fails it. */
  public static <T> Future<T> compose(Context context, Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        work.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }

  /** The value {@code work} returns, computed on {@code context}. */
  public static <T> Future<T> call(Context context, Supplier<T> work) {
    return compose(context, () -> Future.succeededFuture(work.get()));
  }

  public static Future<Void> run(Context context, Runnable work) {
    return call(context, () -> {
      work.run();
      return null;
    });
  }
}
