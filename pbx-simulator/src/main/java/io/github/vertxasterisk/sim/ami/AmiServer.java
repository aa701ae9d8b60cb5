package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.OnContext;
import io.github.vertxasterisk.sim.pbx.Dialplan;
import io.github.vertxasterisk.sim.pbx.PbxState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The simulated AMI server plus the controls tests use to misbehave on purpose.
 * Everything protocol-related runs on one event-loop context; the public methods may be called
 * from any thread (they hop onto that context and return a Future, or read thread-safe counters).
 */
public final class AmiServer {

  private static final Logger LOG = Logger.getLogger(AmiServer.class.getName());
  private static final int ACTION_LOG_LIMIT = 10_000;

  private final Vertx vertx;
  private final AmiConfig config;
  private final PbxState pbx;
  private final ActionDispatcher dispatcher = new ActionDispatcher();
  private final EventStreamer streamer = new EventStreamer(this);
  private final Set<AmiSession> sessions = new LinkedHashSet<>();
  private final AtomicInteger openSessions = new AtomicInteger();
  private final AtomicInteger maxOpenSessions = new AtomicInteger();
  private final AtomicInteger actionCount = new AtomicInteger();
  private final Deque<AmiMessage> actionLog = new ArrayDeque<>();
  private final List<Consumer<AmiMessage>> actionListeners = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  private volatile int actualPort = -1;
  private Context context;
  private NetServer netServer;
  private long sessionSeq;

  public AmiServer(Vertx vertx, AmiConfig config) {
    this(vertx, config, new PbxState(Dialplan.captureDefault()));
  }

  public AmiServer(Vertx vertx, AmiConfig config, PbxState pbx) {
    this.vertx = vertx;
    this.config = config;
    this.pbx = pbx;
    CallManager calls = new CallManager(this);
    new AuthActions(this).register(dispatcher);
    new CoreActions(this).register(dispatcher);
    new ChannelActions(this, calls).register(dispatcher);
    new OriginateAction(this, calls).register(dispatcher);
    new DatabaseActions(pbx.astDb()).register(dispatcher);
    new QueueActions(pbx).register(dispatcher);
    new DialplanActions(pbx).register(dispatcher);
    new ModuleActions().register(dispatcher);
    new ListCommandsAction(dispatcher).register(dispatcher);
  }

  /** Binds the server (port 0 = ephemeral; see {@link #port()}). */
  public Future<AmiServer> start() {
    context = vertx.getOrCreateContext();
    return OnContext.compose(context, () -> {
      netServer = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port()));
      netServer.connectHandler(this::connected);
      return netServer.listen().map(bound -> {
        actualPort = bound.actualPort();
        LOG.info(() -> "AMI simulator listening on " + config.host() + ":" + actualPort);
        return this;
      });
    });
  }

  public Future<Void> close() {
    if (context == null) {
      return Future.succeededFuture();
    }
    return onContext(() -> {
      streamer.stop();
      List.copyOf(sessions).forEach(AmiSession::close);
    }).compose(v -> netServer == null ? Future.<Void>succeededFuture() : netServer.close());
  }

  private void connected(NetSocket socket) {
    AmiSession session = new AmiSession(++sessionSeq, socket, this);
    sessions.add(session);
    int open = openSessions.incrementAndGet();
    maxOpenSessions.accumulateAndGet(open, Math::max);
    session.start(config.maxActionBytes());
  }

  // ---- used by sessions and action handlers (event-loop context only) ----

  void sessionClosed(AmiSession s) {
    if (sessions.remove(s)) {
      openSessions.decrementAndGet();
    }
  }

  void actionReceived(AmiSession s, AmiMessage action) {
    actionCount.incrementAndGet();
    synchronized (actionLog) {
      if (actionLog.size() == ACTION_LOG_LIMIT) {
        actionLog.removeFirst();
      }
      actionLog.addLast(action);
    }
    actionListeners.forEach(l -> l.accept(action));
    dispatcher.dispatch(s, action);
  }

  /** Sends an event to every session whose login, mask and filters allow it. */
  void broadcast(AmiMessage event) {
    for (AmiSession s : List.copyOf(sessions)) {
      s.deliverEvent(event);
    }
  }

  List<AmiSession> sessions() {
    return List.copyOf(sessions);
  }

  /** Lower-case names of the actions this server answers. */
  Set<String> actionNames() { return dispatcher.actions(); }

  Vertx vertx() { return vertx; }
  Context context() { return context; }

  // ---- public API ----

  public AmiConfig config() { return config; }

  /** The PBX state (channels, variables) shared with a future ARI server. Event-loop use only. */
  public PbxState pbx() { return pbx; }

  /** The port actually bound (useful with port 0), -1 before start. */
  public int port() { return actualPort; }

  /** Sockets open right now, logged in or not. */
  public int openSessions() { return openSessions.get(); }

  /** The largest number of sockets open at the same time since start (or the last reset). */
  public int maxOpenSessions() { return maxOpenSessions.get(); }

  public void resetMaxOpenSessions() { maxOpenSessions.set(openSessions.get()); }

  /** Closes every socket at once, without any goodbye. */
  public Future<Void> closeAllSessions() {
    return onContext(() -> List.copyOf(sessions).forEach(AmiSession::close));
  }

  /** Writes the first half of an event to every session, then closes the sockets. */
  public Future<Void> closeMidPacket() {
    return onContext(() -> List.copyOf(sessions).forEach(s -> {
      s.socket().write(Buffer.buffer("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: Local/100@te"));
      s.close();
    }));
  }

  /** Stop reading and answering anything (sockets stay open): a client keepalive Ping goes unanswered. */
  public void freeze() { frozen = true; }

  public void unfreeze() { frozen = false; }

  public boolean isFrozen() { return frozen; }

  /** Writes bytes as they are to every open socket (even before login, even when frozen). */
  public Future<Void> sendRaw(String text) {
    return sendRaw(Buffer.buffer(text));
  }

  public Future<Void> sendRaw(Buffer data) {
    return onContext(() -> List.copyOf(sessions).forEach(s -> s.socket().write(data.copy())));
  }

  /** Broadcasts an arbitrary event (subject to each session's login, mask and filters). */
  public Future<Void> emitEvent(AmiMessage event) {
    return onContext(() -> broadcast(event));
  }

  /** Sends {@code Event: Shutdown} (capture 12) to every session, then closes them. Keeps listening. */
  public Future<Void> shutdown(boolean restart) {
    return onContext(() -> {
      AmiMessage ev = AmiMessage.event("Shutdown", "system,all")
          .add("Shutdown", "Cleanly").add("Restart", restart ? "True" : "False");
      for (AmiSession s : List.copyOf(sessions)) {
        s.deliverEvent(ev);
        s.close();
      }
    });
  }

  public void setLoginFailureDelayMs(long ms) { config.loginFailureDelayMs(ms); }

  public void setCredentials(String username, String secret) {
    config.username(username).secret(secret);
  }

  public void setCommandFormat(CommandFormat format) { config.commandFormat(format); }

  /** How long an answered simulated call lasts before the dialplan hangs it up. */
  public void setCallDurationMs(long ms) { config.callDurationMs(ms); }

  /** Called (on the event loop) for every action received, before it is handled. */
  public void onAction(Consumer<AmiMessage> listener) { actionListeners.add(listener); }

  /** Number of actions received since start (logins included). */
  public int actionCount() { return actionCount.get(); }

  /** Number of received actions with this Action name (case-insensitive), among the last 10000. */
  public long actionCount(String action) {
    return receivedActions().stream().filter(a -> action.equalsIgnoreCase(a.value("Action"))).count();
  }

  /** The last (up to 10000) actions received, oldest first. */
  public List<AmiMessage> receivedActions() {
    synchronized (actionLog) {
      return new ArrayList<>(actionLog);
    }
  }

  public void clearReceivedActions() {
    synchronized (actionLog) {
      actionLog.clear();
    }
    actionCount.set(0);
  }

  /** Number of live simulated channels. */
  public Future<Integer> activeChannelCount() {
    return call(() -> pbx.channelsNewestFirst().size());
  }

  /** Streams realistic call events at a steady rate to every session (0 stops). */
  public Future<Void> startEventStream(double eventsPerSecond) {
    return onContext(() -> streamer.startRate(eventsPerSecond));
  }

  /** Streams call events as fast as each socket drains them (write queue bounded by the drain handler). */
  public Future<Void> startEventStreamMaxRate() {
    return startEventStreamMaxRate(0);
  }

  /**
   * Like {@link #startEventStreamMaxRate()}, but no faster than {@code ceilingPerSecond} events/s per
   * session (0: no ceiling): a steady offered load for latency measurements.
   */
  public Future<Void> startEventStreamMaxRate(double ceilingPerSecond) {
    return onContext(() -> streamer.startMaxRate(ceilingPerSecond));
  }

  public Future<Void> stopEventStream() {
    return onContext(streamer::stop);
  }

  /** Events produced by the stream so far. */
  public long streamedEvents() { return streamer.emitted(); }

  private Future<Void> onContext(Runnable r) {
    return OnContext.run(context, r);
  }

  private <T> Future<T> call(Supplier<T> s) {
    return OnContext.call(context, s);
  }
}
