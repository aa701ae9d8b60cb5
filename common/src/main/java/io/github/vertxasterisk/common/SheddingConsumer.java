package io.github.vertxasterisk.common;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An event-bus consumer for streams that can outrun its handler (a PBX's firehose): it keeps at most
 * {@code capacity} messages waiting and drops, counting them, the ones that arrive while it is full.
 *
 * <p>Why: Vert.x hands each message to a consumer as a task on the consumer's event loop, and that
 * task queue has no bound. A handler slower than the stream therefore grows its node's heap until it
 * dies (measured: a 128 MB subscriber of a busy PBX died within 30 s). Here the arriving message is
 * only queued or dropped, which is cheap (a clustered message dropped unread is never decoded), and
 * the handler runs in slices of {@value #SLICE_MS} ms that let arrivals through in between, so what
 * waits stays bounded. Dropped events are visible to the handler as gaps in {@code _meta.seq}.
 *
 * <p>Everything runs on the context that subscribed (an event loop when called from a verticle).
 */
public final class SheddingConsumer<T> {
  static final long SLICE_MS = 2;
  private static final Logger LOG = Logger.getLogger(SheddingConsumer.class.getName());

  private final Context context;
  private final String address;
  private final int capacity;
  private final Handler<Message<T>> handler;
  private final ArrayDeque<Message<T>> waiting = new ArrayDeque<>();
  private MessageConsumer<T> consumer;
  private boolean draining;
  private volatile boolean stopped; // set by unregister, from any thread
  private volatile long handled; // written on the context only; volatile so that any thread may read them
  private volatile long shed;

  private SheddingConsumer(Context context, String address, int capacity, Handler<Message<T>> handler) {
    this.context = context;
    this.address = address;
    this.capacity = capacity;
    this.handler = handler;
  }

  /** Subscribes (cluster-wide) and completes when the registration has spread. */
  public static <T> Future<SheddingConsumer<T>> subscribe(Vertx vertx, String address, int capacity,
                                                           Handler<Message<T>> handler) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    Context context = vertx.getOrCreateContext();
    SheddingConsumer<T> shedding = new SheddingConsumer<>(context, address, capacity, handler);
    return Future.<MessageConsumer<T>>future(registered -> context.runOnContext(v -> {
      MessageConsumer<T> consumer = vertx.eventBus().consumer(address, shedding::arrived);
      consumer.completion().map(consumer).onComplete(registered);
    })).map(consumer -> {
      shedding.consumer = consumer;
      return shedding;
    });
  }

  private void arrived(Message<T> message) {
    if (stopped) {
      return;
    }
    if (waiting.size() >= capacity) {
      shed++;
      return;
    }
    waiting.add(message);
    if (!draining) {
      draining = true;
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    long until = System.nanoTime() + SLICE_MS * 1_000_000;
    while (!stopped && !waiting.isEmpty() && System.nanoTime() < until) {
      handled++;
      try {
        handler.handle(waiting.poll());
      } catch (Throwable e) {
        // As a plain consumer would (Vert.x catches Throwable): report it and carry on with the next
        // message. An Error escaping here would leave draining set with no drain scheduled: stalled for good.
        LOG.log(Level.WARNING, "a SheddingConsumer handler failed on a message of " + address, e);
      }
    }
    if (stopped) {
      waiting.clear();
      draining = false;
    } else if (waiting.isEmpty()) {
      draining = false;
    } else {
      context.runOnContext(v -> drain()); // behind the arrivals queued meanwhile
    }
  }

  /** Messages dropped because {@code capacity} were already waiting. */
  public long shed() {
    return shed;
  }

  /** Messages handed to the handler. */
  public long handled() {
    return handled;
  }

  /**
   * Stops receiving: the handler gets nothing more, even when called from the handler itself; what was
   * still waiting is dropped (and not counted as shed).
   */
  public Future<Void> unregister() {
    // At once: a handler that unregisters (or a drain already scheduled) must not be handed what waits.
    stopped = true;
    return consumer.unregister().onComplete(ar -> context.runOnContext(v -> waiting.clear()));
  }
}
