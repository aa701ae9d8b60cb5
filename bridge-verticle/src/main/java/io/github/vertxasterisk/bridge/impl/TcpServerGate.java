package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.LogBudget;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Puts the suite's checks in front of Vert.x's TCP bridge: an admission test for each new connection
 * ({@link TcpClients#admit}), and a {@link TcpFrameGate} in front of the bridge's parser. Vert.x 5.0.8's bridge
 * creates its own {@code NetServer} and sets each socket's data handler itself, with no hook in between; so
 * the bridge is given a {@link Vertx} whose {@code createNetServer} returns the real server seen through a
 * proxy, which hands the bridge only the admitted sockets, each seen through a proxy whose
 * {@code handler(parser)} puts the gate first. Everything else goes straight to the real objects. The real
 * server also gives the bound port ({@link #actualPort()}).
 */
public final class TcpServerGate {
  private final TcpFrameGate.Limits limits;
  private final BridgeMetrics metrics;
  /** Frame refusals logged, across all this server's connections (each also has its own bound). */
  private final LogBudget logBudget = new LogBudget(30, 60_000);
  private final Predicate<NetSocket> admission;
  /** The open connections' gates; weak: a closed connection's goes with it. Used on the bridge's event loop. */
  private final Set<TcpFrameGate> gates = Collections.newSetFromMap(new WeakHashMap<>());
  private volatile NetServer server;

  /** @param admission whether a new connection may go on to the bridge (it closes the ones it refuses) */
  public TcpServerGate(BridgeConfig config, BridgeMetrics metrics, Predicate<NetSocket> admission) {
    this.limits = TcpFrameGate.Limits.of(config);
    this.metrics = metrics;
    this.admission = admission;
  }

  /**
   * Run periodically on the bridge's event loop: answers in their clients' place the requests left
   * unanswered for {@code replyTimeoutMs} (Vert.x's TCP bridge would keep them until the client leaves).
   */
  public void answerOverdue() {
    long now = System.nanoTime();
    for (TcpFrameGate gate : List.copyOf(gates)) {
      gate.answerOverdue(now);
    }
  }

  /** The Vert.x to create the TCP bridge with. */
  public Vertx wrap(Vertx vertx) {
    return proxy(Vertx.class, vertx, (self, method, args) -> {
      if (!method.getName().equals("createNetServer")) {
        return PASS;
      }
      server = (NetServer) call(vertx, method, args);
      return serverProxy(server);
    });
  }

  /** The port the bridge's server is bound to (the configured one, or the one chosen for port 0); -1 before. */
  public int actualPort() {
    NetServer s = server;
    return s == null ? -1 : s.actualPort();
  }

  private NetServer serverProxy(NetServer real) {
    return proxy(NetServer.class, real, (self, method, args) -> {
      if (!method.getName().equals("connectHandler") || args == null || args.length != 1) {
        return PASS;
      }
      @SuppressWarnings("unchecked")
      Handler<NetSocket> bridgeHandler = (Handler<NetSocket>) args[0];
      real.connectHandler(socket -> {
        NetSocket seenByBridge = socketProxy(socket); // the one the bridge's events will name
        if (admission.test(seenByBridge)) {
          bridgeHandler.handle(seenByBridge);
        }
      });
      return self;
    });
  }

  /**
   * The bridge let a client's send through (its BridgeEvent completed true): if the address was the reply
   * address of a request that client was handed, the request is answered.
   *
   * @param bridgeSocket the socket as the bridge's events name it
   */
  public void sendAccepted(NetSocket bridgeSocket, String address) {
    TcpFrameGate gate = gateOf(bridgeSocket);
    if (gate != null && address != null) {
      gate.answered(address);
    }
  }

  /**
   * Whether the frame the bridge is handling for this socket is the gate's own answer to an overdue
   * request: not the client's, so not counted or checked as the client's (it carries no token).
   */
  public boolean isGateAnswer(NetSocket bridgeSocket) {
    TcpFrameGate gate = gateOf(bridgeSocket);
    return gate != null && gate.answering();
  }

  private static TcpFrameGate gateOf(NetSocket bridgeSocket) {
    return bridgeSocket instanceof Gated gated ? gated.frameGate() : null;
  }

  /** What the bridge's sockets are besides NetSockets: a way back to their gate. */
  private interface Gated {
    TcpFrameGate frameGate();
  }

  /**
   * The bridge's view of a socket: its parser behind a {@link TcpFrameGate}, its writes seen by that gate,
   * and its close told to that gate, then to whoever set a close handler. It is a {@code NetSocketInternal}
   * when the real one is, so that {@link io.github.vertxasterisk.common.SocketClose} can close it at once.
   */
  private NetSocket socketProxy(NetSocket real) {
    TcpFrameGate[] gate = {null};
    AtomicReference<Handler<Void>> closeHandler = new AtomicReference<>();
    real.closeHandler(v -> {
      if (gate[0] != null) {
        gate[0].connectionClosed();
        gates.remove(gate[0]);
      }
      Handler<Void> then = closeHandler.get();
      if (then != null) {
        then.handle(v);
      }
    });
    return proxy(NetSocket.class, real, (self, method, args) -> {
      String name = method.getName();
      if (name.equals("frameGate") && method.getDeclaringClass() == Gated.class) {
        return gate[0];
      }
      if (args == null || args.length != 1) {
        return PASS;
      }
      if (name.equals("write") && args[0] instanceof Buffer frame) {
        Object written = call(real, method, args);
        if (gate[0] != null) {
          gate[0].sent(frame);
        }
        return written;
      }
      if (name.equals("closeHandler")) {
        @SuppressWarnings("unchecked")
        Handler<Void> handler = (Handler<Void>) args[0];
        closeHandler.set(handler);
        return self;
      }
      if (!name.equals("handler")) {
        return PASS;
      }
      @SuppressWarnings("unchecked")
      Handler<Buffer> parser = (Handler<Buffer>) args[0];
      gate[0] = parser == null ? null : new TcpFrameGate(real, parser, limits, metrics, logBudget);
      if (gate[0] != null) {
        gates.add(gate[0]);
      }
      real.handler(gate[0]);
      return self;
    }, real instanceof NetSocketInternal ? new Class<?>[] {Gated.class, NetSocketInternal.class} : new Class<?>[] {Gated.class});
  }

  /** What an {@link Interceptor} returns to let the call through to the real object. */
  private static final Object PASS = new Object();

  @FunctionalInterface
  private interface Interceptor {
    Object intercept(Object self, Method method, Object[] args) throws Throwable;
  }

  /** A proxy with identity equality (it is used as a map key per socket) that delegates what it does not intercept. */
  private static <T> T proxy(Class<T> type, T target, Interceptor interceptor, Class<?>... alsoImplements) {
    InvocationHandler handler = (self, method, args) -> {
      switch (method.getName()) {
        case "equals":
          if (args != null && args.length == 1 && method.getParameterTypes()[0] == Object.class) {
            return self == args[0];
          }
          break;
        case "hashCode":
          if (args == null) {
            return System.identityHashCode(self);
          }
          break;
        default:
          break;
      }
      Object result = interceptor.intercept(self, method, args);
      return result != PASS ? result : call(target, method, args);
    };
    Class<?>[] interfaces = new Class<?>[1 + alsoImplements.length];
    interfaces[0] = type;
    System.arraycopy(alsoImplements, 0, interfaces, 1, alsoImplements.length);
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), interfaces, handler));
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
