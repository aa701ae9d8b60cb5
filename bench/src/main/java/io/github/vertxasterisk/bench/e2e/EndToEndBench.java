package io.github.vertxasterisk.bench.e2e;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.common.cluster.ClusterPorts;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * End to end on one machine: the simulated PBX (this JVM) streams events as fast as its socket drains
 * to a holder node (JVM 2, {@link HolderNode}); a subscriber node (JVM 3, {@link SubscriberNode},
 * 128 MB heap) receives them over the clustered event bus and measures events/s and latency, then
 * the action round trip. The holder prints its heap once a second.
 *
 * <ul>
 *   <li>{@code fast [maxEventsPerSecond]}: a fast subscriber, then actions; no bound on the holder by
 *       default (0);</li>
 *   <li>{@code slow [maxEventsPerSecond]}: a subscriber that spends 100 µs per event (10000 events/s at
 *       most); the holder's default bound (50000/s) unless given.</li>
 * </ul>
 * With the suffix {@code -batch} ({@code fast-batch}, {@code slow-batch}) the subscriber consumes
 * {@code .events.batch} (the events of one socket read per message) instead of {@code .events} (one
 * message per event); it measures every event either way. A third argument caps the simulator at
 * that many events/s (a steady offered load: latency below saturation); 0 or none = as fast as it can.
 *
 * System property {@code bench.nodeJvmArgs}: extra JVM options for the holder and subscriber JVMs,
 * separated by commas (e.g. {@code -XX:+UseZGC}); {@code bench.eventLoops}: the event-loop pool size of
 * both nodes (Vert.x's default, two per core, when absent; what a node's {@code vertx.eventLoopPoolSize}
 * sets); {@code bench.actionConcurrency}: actions kept in flight (16); {@code bench.warmupSeconds}:
 * events streamed before measuring (10); {@code bench.subscriberBatches}: how many {@code .events.batch}
 * messages the subscriber lets wait before it sheds (8; single events: 256 times that).
 *
 * Run: see docs/benchmarks.md. Each run stays under 60 s.
 */
public final class EndToEndBench {
  static final String PBX = "bench";
  static final AmiAddresses ADDRESSES = AmiAddresses.of(PBX);
  private static final String HAZELCAST_OPENS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED "
    + "--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "
    + "--add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  private static final String EVENT_LOOPS = "bench.eventLoops";

  private EndToEndBench() {
  }

  /** A node JVM's Vert.x options: {@code bench.eventLoops} event loops, or Vert.x's default. */
  static VertxOptions nodeOptions() {
    VertxOptions options = new VertxOptions();
    Integer eventLoops = Integer.getInteger(EVENT_LOOPS);
    return eventLoops == null ? options : options.setEventLoopPoolSize(eventLoops);
  }

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "fast";
    boolean slow = mode.startsWith("slow");
    boolean batch = mode.endsWith("-batch");
    int maxEventsPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : slow ? 50_000 : 0;
    int offered = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    int basePort = ClusterPorts.firstOfFree(2);
    String clusterName = "bench-" + UUID.randomUUID();
    Vertx vertx = Vertx.vertx();
    PbxSimulator sim = new PbxSimulator(new JsonObject().put("ami", new JsonObject().put("port", 0).put("callDurationMs", 500)))
      .start(vertx).toCompletionStage().toCompletableFuture().get();
    List<Process> processes = new ArrayList<>();
    List<JsonObject> holderStats = new CopyOnWriteArrayList<>();
    List<String> results = new CopyOnWriteArrayList<>();
    long[] streamWindow = new long[4]; // start nanos, end nanos, events streamed, simulator CPU %
    try {
      Process holder = start("holder", "-Xmx256m", HolderNode.class,
        List.of(cluster(clusterName, basePort, 0).encode(), String.valueOf(sim.amiPort()), String.valueOf(maxEventsPerSecond)), line -> {
          if (line.startsWith("STAT ")) {
            holderStats.add(new JsonObject(line.substring(5)).put("t", System.nanoTime()));
          }
        });
      processes.add(holder);
      Process subscriber = start("subscriber", "-Xmx128m", SubscriberNode.class,
        List.of(cluster(clusterName, basePort, 1).encode(), System.getProperty("bench.warmupSeconds", "10"), slow ? "25" : "20", slow ? "100" : "0",
          System.getProperty("bench.actionConcurrency", "16"), slow ? "0" : "10",
          batch ? "batch" : "single", System.getProperty("bench.subscriberBatches", "8")),
        line -> {
          if (line.equals("READY")) {
            ProcessCpu.percentOfOneCore(); // starts the simulator's CPU window
            streamWindow[0] = System.nanoTime();
            streamWindow[2] = sim.ami().streamedEvents();
            sim.ami().startEventStreamMaxRate(offered);
          } else if (line.equals("STOP-STREAM")) {
            streamWindow[3] = ProcessCpu.percentOfOneCore();
            sim.ami().stopEventStream();
            streamWindow[1] = System.nanoTime();
            streamWindow[2] = sim.ami().streamedEvents() - streamWindow[2];
          } else if (line.startsWith("RESULT ")) {
            results.add(line.substring(7));
          }
        });
      processes.add(subscriber);
      if (!subscriber.waitFor(90, TimeUnit.SECONDS)) {
        System.out.println("!!! the subscriber did not finish within 90 s (see its output above)");
      }
      if (streamWindow[1] == 0) {
        System.out.println("!!! the subscriber ended without STOP-STREAM, exit code "
          + (subscriber.isAlive() ? "(still running)" : subscriber.exitValue()));
        streamWindow[3] = ProcessCpu.percentOfOneCore();
        sim.ami().stopEventStream();
        streamWindow[1] = System.nanoTime();
        streamWindow[2] = sim.ami().streamedEvents() - streamWindow[2];
      }
      String title = (slow ? "slow subscriber (100 us/event)" : "fast subscriber") + (batch ? " of .events.batch" : " of .events")
        + (offered > 0 ? ", simulator capped at " + offered + " events/s" : ", simulator as fast as it can")
        + ", holder maxEventsPerSecond " + maxEventsPerSecond + (maxEventsPerSecond == 0 ? " (no bound)" : "");
      report(title, results, holderStats, streamWindow);
    } finally {
      for (Process p : processes) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private static void report(String title, List<String> results, List<JsonObject> holderStats, long[] window) {
    System.out.println();
    System.out.println("=== end to end, " + title + " ===");
    double streamS = (window[1] - window[0]) / 1e9;
    System.out.printf("simulator JVM: %d events written in %.1f s = %.0f events/s, CPU %d%% of one core%n", window[2], streamS,
      window[2] / streamS, window[3]);
    results.forEach(r -> System.out.println("subscriber " + r));
    List<JsonObject> during = holderStats.stream().filter(s -> s.getLong("t") >= window[0] && s.getLong("t") <= window[1]).toList();
    if (!during.isEmpty()) {
      long maxUsed = during.stream().mapToLong(s -> s.getLong("heapUsedMB")).max().orElse(0);
      long maxCommitted = during.stream().mapToLong(s -> s.getLong("heapCommittedMB")).max().orElse(0);
      JsonObject first = during.get(0);
      JsonObject last = during.get(during.size() - 1);
      double s = (last.getLong("t") - first.getLong("t")) / 1e9;
      System.out.printf("holder: heap used max %d MB (committed max %d MB, -Xmx256m) over %d samples; "
          + "published %.0f events/s, dropped %d in all%n", maxUsed, maxCommitted, during.size(),
        (nz(last.getLong("published")) - nz(first.getLong("published"))) / Math.max(s, 1e-9), nz(last.getLong("dropped")));
      System.out.println("holder heap used per second (MB): " + new JsonArray(during.stream().map(x -> x.getLong("heapUsedMB")).toList()));
      System.out.println("holder heap after last GC per second (MB): "
        + new JsonArray(during.stream().map(x -> x.getLong("heapAfterGcMB")).toList()));
      System.out.println("holder CPU per second (% of one core): " + new JsonArray(during.stream().map(x -> x.getLong("cpu")).toList()));
    }
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  /** Member {@code index} of a two-member cluster on 127.0.0.1. */
  private static JsonObject cluster(String name, int basePort, int index) {
    return new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", basePort + index)
      .put("portAutoIncrement", false).put("members", new JsonArray().add("127.0.0.1:" + basePort).add("127.0.0.1:" + (basePort + 1)))
      .put("heartbeatSeconds", 1).put("maxNoHeartbeatSeconds", 5);
  }

  /** A JVM on this JVM's class path; its stdout lines go to {@code onLine} (and, prefixed, to ours). */
  private static Process start(String name, String heap, Class<?> main, List<String> args, Consumer<String> onLine)
    throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap));
    command.addAll(List.of(HAZELCAST_OPENS.split(" ")));
    String eventLoops = System.getProperty(EVENT_LOOPS);
    if (eventLoops != null) {
      command.add("-D" + EVENT_LOOPS + "=" + eventLoops);
    }
    String extra = System.getProperty("bench.nodeJvmArgs", "").trim(); // e.g. a GC choice, for both nodes
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split(",")));
    }
    command.addAll(List.of("-Djava.util.logging.config.file=conf/logging.properties",
      "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.startsWith("STAT ")) {
            System.out.println("[" + name + "] " + line);
          }
          onLine.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, name + "-output");
    reader.setDaemon(true);
    reader.start();
    return process;
  }
}
