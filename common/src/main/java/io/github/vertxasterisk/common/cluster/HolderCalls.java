package io.github.vertxasterisk.common.cluster;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cluster's failure semantics for calls to a held service, which the event bus alone cannot give
 * (used by the {@code AmiService} and {@code AriService} proxies):
 *
 * <ul>
 *   <li>No node holds the PBX (no handler at the service address): {@code 521 no-holder} at once.</li>
 *   <li>A call is in flight when another node announces a new connection on {@code .status}: the old
 *       holder is gone with the call, so it fails with {@code 520 disconnected} (outcome unknown)
 *       instead of waiting for the send timeout. A reconnect announced by the node that already held
 *       the PBX fails calls only when {@code reconnectLosesCalls} (AMI: the calls went over the lost
 *       socket; ARI: REST calls do not go over the events WebSocket). The first connection a proxy
 *       sees announced fails nothing: it only tells the proxy which connection is current.</li>
 * </ul>
 * The status and the call travel apart: a call made in the instant between a new holder's
 * announcement and this proxy's receiving it may reach the new holder and still be failed
 * {@code disconnected}. That is the code's meaning, "outcome unknown", not a claim that it failed.
 * A call's outcome reaches its caller on the caller's own context, whichever context created the proxy.
 * It keeps one subscription to the status address: one per proxy, so create one proxy per PBX.
 */
public final class HolderCalls {

  /** What a proxy made by {@link #proxy} also tells: the connection it last saw announced. */
  public interface Watched {
    long knownEpoch();

    String knownHolder();

    /** Stops watching the status address (a consumer per proxy); calls made afterwards fail. */
    Future<Void> close();
  }

  private final String address;
  private final String verticle;
  private final boolean reconnectLosesCalls;
  private final Map<Promise<?>, Call> inFlight = new HashMap<>();
  private final MessageConsumer<JsonObject> statusConsumer;
  private long lastEpoch;
  private String holderNode;
  private boolean closed;

  /**
   * @param address the service address; its status is at {@code address + ".status"}
   * @param verticle the verticle that serves it, named in the {@code no-holder} message
   */
  public HolderCalls(Vertx vertx, String address, String verticle, boolean reconnectLosesCalls) {
    this.address = address;
    this.verticle = verticle;
    this.reconnectLosesCalls = reconnectLosesCalls;
    this.statusConsumer = vertx.eventBus().consumer(address + ".status", m -> onStatus(m.body()));
  }

  /** A call in flight: the epoch it was sent at, and the context its caller is on (null off Vert.x threads). */
  private record Call(long sentAtEpoch, Context context) {
  }

  private void onStatus(JsonObject status) {
    long epoch = status.getLong("epoch", 0L);
    String node = status.getString("node");
    Map<Promise<?>, Call> orphaned = orphanedBy(status, epoch, node);
    // On each caller's own context, as the call's other outcomes are: one proxy serves every verticle of its node.
    orphaned.forEach((promise, call) -> fail(promise, call.context(), FailureCode.DISCONNECTED.exception("node " + node
      + " took over " + address + " (epoch " + epoch + ") while the call was in flight: its outcome is unknown")));
  }

  private static void fail(Promise<?> promise, Context context, Throwable failure) {
    if (context == null) {
      promise.tryFail(failure);
    } else {
      context.runOnContext(v -> promise.tryFail(failure));
    }
  }

  /** The calls a status announcing a new connection orphans, taken out of {@link #inFlight}. */
  private synchronized Map<Promise<?>, Call> orphanedBy(JsonObject status, long epoch, String node) {
    if (!"connected".equals(status.getString("state")) || epoch <= lastEpoch) {
      return Map.of();
    }
    // The first connection this proxy sees is where it starts from, not a change: it may be one that
    // has held the PBX for hours (a flood report on .status says "connected" too), and the calls sent
    // before it arrived most likely went to it.
    boolean firstSeen = lastEpoch == 0;
    lastEpoch = epoch;
    boolean sameHolder = node != null && node.equals(holderNode);
    holderNode = node;
    if (firstSeen || (sameHolder && !reconnectLosesCalls)) {
      return Map.of();
    }
    Map<Promise<?>, Call> orphaned = new HashMap<>();
    inFlight.forEach((promise, call) -> {
      if (call.sentAtEpoch() < epoch) {
        orphaned.put(promise, call);
      }
    });
    orphaned.keySet().forEach(inFlight::remove);
    return orphaned;
  }

  /**
   * The service proxy users get: {@code delegate} (the generated event-bus proxy) with every
   * Future-returning method run through {@link #track}; the result also implements {@link Watched}.
   */
  @SuppressWarnings("unchecked")
  public static <T> T proxy(Vertx vertx, Class<T> service, String address, String verticle, boolean reconnectLosesCalls,
      T delegate) {
    HolderCalls calls = new HolderCalls(vertx, address, verticle, reconnectLosesCalls);
    calls.learnCurrentHolder(service, delegate);
    return (T) Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service, Watched.class},
      (proxy, method, args) -> {
        if (method.getDeclaringClass() == Watched.class) {
          return method.invoke(calls.watched(), args);
        }
        if (method.getDeclaringClass() == Object.class || method.getReturnType() != Future.class) {
          return invoke(method, delegate, args);
        }
        return calls.track(() -> (Future<Object>) invoke(method, delegate, args));
      });
  }

  /**
   * {@code .status} is published at changes only: a proxy made while a holder has long been connected
   * would take that holder's successor for the first connection it sees, and fail none of the calls
   * the dead holder took with it. So it asks the service's {@code info()} (state, epoch, node) once.
   */
  private void learnCurrentHolder(Class<?> service, Object delegate) {
    Method info;
    try {
      info = service.getMethod("info");
    } catch (NoSuchMethodException e) {
      return;
    }
    if (info.getReturnType() != Future.class || !(invoke(info, delegate, null) instanceof Future<?> answer)) {
      return;
    }
    answer.onSuccess(reply -> {
      if (reply instanceof JsonObject status) {
        seed(status);
      }
    }); // no holder yet, or a slow one: the statuses will tell
  }

  private synchronized void seed(JsonObject info) {
    Object epoch = info.getValue("epoch");
    if (closed || lastEpoch != 0 || !"connected".equals(info.getValue("state")) || !(epoch instanceof Number n)
        || n.longValue() <= 0 || !(info.getValue("node") instanceof String node)) {
      return; // a status seen meanwhile is newer than this answer
    }
    lastEpoch = n.longValue();
    holderNode = node;
  }

  private static Object invoke(Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      return method.getReturnType() == Future.class ? Future.failedFuture(cause) : sneakyThrow(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> Object sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  private Watched watched() {
    return new Watched() {
      @Override
      public long knownEpoch() {
        return HolderCalls.this.knownEpoch();
      }

      @Override
      public String knownHolder() {
        return HolderCalls.this.knownHolder();
      }

      @Override
      public Future<Void> close() {
        return HolderCalls.this.close();
      }
    };
  }

  /** Runs one call through the rules above. */
  public <T> Future<T> track(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    synchronized (this) {
      if (closed) {
        // a caller's mistake, reported as every failure of the services is: a code and a message
        return Future.failedFuture(FailureCode.BAD_REQUEST.exception("this proxy of " + address + " was closed"));
      }
      inFlight.put(promise, new Call(lastEpoch, Vertx.currentContext()));
    }
    call.get().onComplete(ar -> {
      synchronized (this) {
        inFlight.remove(promise);
      }
      if (ar.succeeded()) {
        promise.tryComplete(ar.result());
      } else {
        promise.tryFail(translate(ar.cause()));
      }
    });
    return promise.future();
  }

  private Throwable translate(Throwable failure) {
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS) {
      return FailureCode.NO_HOLDER.exception("no node of the cluster holds " + address
        + " (is an " + verticle + " deployed for this PBX, and its node in the cluster?)");
    }
    if (failure instanceof ReplyException re && re.failureType() == ReplyFailure.TIMEOUT) {
      // The bus's own send timeout (code -1): the holder never answered (frozen, or gone with no node
      // taking over). Callers are promised a code of the table.
      return FailureCode.TIMEOUT.exception("no answer from the holder of " + address
        + " within the proxy's send timeout: its outcome is unknown (" + re.getMessage() + ")");
    }
    return failure;
  }

  /** The newest connection epoch seen announced. */
  public synchronized long knownEpoch() {
    return lastEpoch;
  }

  /** The node that announced it, or null before any. */
  public synchronized String knownHolder() {
    return holderNode;
  }

  /** Stops watching the status address; calls made afterwards fail. */
  public Future<Void> close() {
    synchronized (this) {
      closed = true;
    }
    return statusConsumer.unregister();
  }
}
