package io.github.vertxasterisk.bench.bridge;

import io.github.vertxasterisk.bridge.BridgeVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Throughput of the node's TCP event-bus bridge, in one JVM on 127.0.0.1: {@link BridgeVerticle} deployed
 * as the bridge tests deploy it (TCP on an ephemeral port, an auth token, inbound and outbound rules for
 * {@code bench.*}), one {@link FrameClient} connected to it. Three phases, each a warm-up then a measured
 * time, one after the other:
 *
 * <ul>
 *   <li><b>events</b>: the client registers an address; the node publishes the recorded AMI events
 *       ({@link RecordedEvents}) to it, keeping at most {@code bench.window} (1000) published and not yet
 *       received, so it publishes exactly as fast as the bridge and the client keep up;</li>
 *   <li><b>rt1</b>, <b>rtN</b>: the client sends {@code send} frames with a {@code replyAddress} to a bus
 *       consumer that replies, 1 and {@code bench.inFlight} (16) requests in flight.</li>
 * </ul>
 *
 * <p>For each phase: operations per second, and the node's CPU time per operation (the process's CPU
 * time minus the client's one event-loop thread: the bridge, the bus, the publisher or replier, GC, JIT).
 * On a shared machine the CPU per operation is the steadier of the two. It runs against whichever
 * bridge-verticle is on the class path: to compare two builds, run it alternately with each build's
 * classes (docs/benchmarks.md, section 5). Arguments: warm-up and measured seconds per phase (2 and 5).
 * {@code bench.maxBlockedMs} (60000): the bridge's {@code tcp.maxBlockedMs}; a client kept busy by the
 * events phase sits above its socket's write high-water mark most of the time, so the default (5000)
 * could take it for a stalled one.
 */
public final class TcpBridgeBench {
  private static final String TOKEN = "bench-token";
  private static final String EVENTS = "bench.events";
  private static final String ECHO = "bench.echo";
  private static final String REPLIES = "bench.reply.";
  private static final JsonObject REPLY = new JsonObject().put("Response", "Success").put("Ping", "Pong")
    .put("Timestamp", "1764730000.123456");

  private final Vertx node;
  private final FrameClient client;
  private final int warmupSeconds;
  private final int measureSeconds;

  private TcpBridgeBench(Vertx node, FrameClient client, int warmupSeconds, int measureSeconds) {
    this.node = node;
    this.client = client;
    this.warmupSeconds = warmupSeconds;
    this.measureSeconds = measureSeconds;
  }

  /** Exits when done or failed: Vert.x's threads would otherwise keep a failed run's JVM alive. */
  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Throwable failure) {
      failure.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int measure = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int window = Integer.getInteger("bench.window", 1000);
    int inFlight = Integer.getInteger("bench.inFlight", 16);
    List<JsonObject> events = RecordedEvents.asPublished();
    String loadBefore = loadAverage();
    Vertx node = Vertx.vertx();
    int port = freePort();
    await(node.deployVerticle(new BridgeVerticle(new SimpleMeterRegistry()),
      new DeploymentOptions().setConfig(config(port))));
    FrameClient client = await(FrameClient.connect(port, TOKEN));
    try {
      TcpBridgeBench bench = new TcpBridgeBench(node, client, warmup, measure);
      Result published = bench.events(events, window);
      Result rt1 = bench.roundTrips(1);
      Result rtN = bench.roundTrips(inFlight);
      System.out.printf("build=%s events/s=%.0f eventCpuUs=%.2f rt1/s=%.0f rt1CpuUs=%.1f rt%d/s=%.0f rt%dCpuUs=%.1f"
          + " load=%s->%s%n", gate(), published.perSecond(), published.cpuMicros(), rt1.perSecond(), rt1.cpuMicros(),
        inFlight, rtN.perSecond(), inFlight, rtN.cpuMicros(), loadBefore, loadAverage());
    } finally {
      await(client.close());
      await(node.close());
    }
  }

  /** The events phase: publish to the client's registration within a window, count what it receives. */
  private Result events(List<JsonObject> events, int window) throws Exception {
    AtomicLong received = new AtomicLong();
    AtomicLong published = new AtomicLong();
    AtomicBoolean stopped = new AtomicBoolean();
    Context publisher = node.getOrCreateContext();
    Runnable topUp = () -> {
      long n = published.get();
      while (!stopped.get() && n - received.get() < window) {
        node.eventBus().publish(EVENTS, events.get((int) (n % events.size())));
        n++;
      }
      published.set(n);
    };
    int signalEvery = Math.max(1, window / 4);
    registered(frame -> {
      if ("message".equals(frame.getString("type")) && EVENTS.equals(frame.getString("address"))) {
        if (received.incrementAndGet() % signalEvery == 0) {
          publisher.runOnContext(v -> topUp.run());
        }
      } else {
        unexpected(frame);
      }
    });
    publisher.runOnContext(v -> topUp.run());
    Result result = measure(received::get);
    publisher.runOnContext(v -> stopped.set(true));
    waitFor(() -> "events published " + published + ", received " + received, () -> stopped.get() && received.get() == published.get());
    return result;
  }

  /** A round-trips phase: {@code inFlight} requests outstanding, each reply sends the next request. */
  private Result roundTrips(int inFlight) throws Exception {
    Context replier = node.getOrCreateContext();
    Promise<MessageConsumer<JsonObject>> ready = Promise.promise();
    replier.runOnContext(v -> {
      MessageConsumer<JsonObject> echo = node.eventBus().consumer(ECHO, m -> m.reply(REPLY));
      echo.completion().map(echo).onComplete(ready);
    });
    MessageConsumer<JsonObject> echo = await(ready.future());
    AtomicLong sent = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable request = () -> {
      long n = sent.incrementAndGet();
      client.write(new JsonObject().put("type", "send").put("address", ECHO).put("replyAddress", REPLIES + n)
        .put("body", new JsonObject().put("Action", "Ping").put("ActionID", "bench-" + n)));
    };
    client.onFrame(frame -> {
      String address = frame.getString("address");
      if ("message".equals(frame.getString("type")) && address != null && address.startsWith(REPLIES)) {
        answered.incrementAndGet();
        if (!stopped.get()) {
          request.run();
        }
      } else {
        unexpected(frame);
      }
    });
    client.run(() -> {
      for (int i = 0; i < inFlight; i++) {
        request.run();
      }
    });
    Result result = measure(answered::get);
    client.run(() -> stopped.set(true));
    waitFor(() -> inFlight + " in flight: requests sent " + sent + ", answered " + answered, () -> stopped.get() && answered.get() == sent.get());
    await(echo.unregister());
    return result;
  }

  /** Registers the client on the events address and waits for the pong that says the register was handled. */
  private void registered(Consumer<JsonObject> onMessage) throws Exception {
    Promise<Void> pong = Promise.promise();
    client.onFrame(frame -> {
      if ("pong".equals(frame.getString("type"))) {
        client.onFrame(onMessage);
        pong.tryComplete();
      } else {
        unexpected(frame);
      }
    });
    client.run(() -> {
      client.write(new JsonObject().put("type", "register").put("address", EVENTS));
      client.write(new JsonObject().put("type", "ping"));
    });
    await(pong.future());
  }

  /** Warms up, then counts operations and the node's CPU time over the measured time. */
  private Result measure(LongSupplier operations) throws InterruptedException {
    TimeUnit.SECONDS.sleep(warmupSeconds);
    long ops0 = operations.getAsLong();
    long wall0 = System.nanoTime();
    long cpu0 = nodeCpuNanos();
    TimeUnit.SECONDS.sleep(measureSeconds);
    long ops = operations.getAsLong() - ops0;
    long wall = System.nanoTime() - wall0;
    long cpu = nodeCpuNanos() - cpu0;
    if (ops == 0) {
      throw new IllegalStateException("nothing went through the bridge");
    }
    return new Result(ops * 1e9 / wall, cpu / 1e3 / ops);
  }

  /** The process's CPU time less the client's event-loop thread's. */
  private long nodeCpuNanos() {
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
      .getProcessCpuTime();
    return process - ManagementFactory.getThreadMXBean().getThreadCpuTime(client.thread().getId());
  }

  private record Result(double perSecond, double cpuMicros) {
  }

  /** What BridgeVerticle is on the class path: the build with the frame gate of 6c3a8da, or one without. */
  private static String gate() {
    try {
      Class.forName("io.github.vertxasterisk.bridge.impl.TcpServerGate");
      return "gate";
    } catch (ClassNotFoundException e) {
      return "no-gate";
    }
  }

  private static JsonObject config(int port) {
    JsonArray bench = new JsonArray().add(new JsonObject().put("addressRegex", "bench\\..+"));
    return new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port).put("maxBlockedMs", Long.getLong("bench.maxBlockedMs", 60_000)))
      .put("authToken", TOKEN)
      .put("inbound", bench)
      .put("outbound", bench.copy()));
  }

  private static void unexpected(JsonObject frame) {
    System.err.println("unexpected frame: " + frame.encode());
    System.exit(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static void waitFor(Supplier<String> what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting: " + what.get());
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
