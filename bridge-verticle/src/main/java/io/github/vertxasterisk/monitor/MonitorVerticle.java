package io.github.vertxasterisk.monitor;

import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.monitor.impl.InfoMeters;
import io.github.vertxasterisk.monitor.impl.InfoSource;
import io.github.vertxasterisk.monitor.impl.PbxHealth;
import io.github.vertxasterisk.monitor.impl.ServiceCallMeters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's HTTP monitoring endpoint (config section {@code monitoring}: {@code host}, {@code port},
 * {@code pollIntervalMs}, {@code infoTimeoutMs}, {@code idleTimeoutMs}):
 * <ul>
 *   <li>{@code GET /health}: 200 when every check is UP, 503 otherwise; {@code cluster} (this node is in
 *   the cluster, with the member count), {@code ami/<pbx>} per configured PBX and {@code ari/<pbx>} per
 *   PBX with an {@code ari} section (UP when the holder's connection is {@code connected}; the data names
 *   the holder node and epoch). {@code GET /health/cluster}, {@code /health/ami/pbx1}... check one;</li>
 *   <li>{@code GET /metrics}: Prometheus text: Vert.x's own meters, the JVM, the bridges, per-PBX AMI
 *   and ARI counters polled from {@code info()}, and the timing of the service calls this node serves
 *   ({@link ServiceCallMeters}).</li>
 * </ul>
 */
public class MonitorVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(MonitorVerticle.class.getName());

  private final PrometheusMeterRegistry registry;
  private final ClusterManager clusterManager;
  private final List<InfoSource> sources = new ArrayList<>();
  private final List<InfoMeters> meters = new ArrayList<>();
  private HttpServer server;
  private ServiceCallMeters callMeters;

  /** @param clusterManager the node's cluster manager, or null when the node runs without a cluster */
  public MonitorVerticle(PrometheusMeterRegistry registry, ClusterManager clusterManager) {
    this.registry = registry;
    this.clusterManager = clusterManager;
  }

  @Override
  public Future<?> start() {
    JsonObject monitoring = config().getJsonObject("monitoring", new JsonObject());
    String prefix = config().getString("prefix", "asterisk");
    long timeoutMs = ConfigValues.positive(monitoring, "monitoring", "infoTimeoutMs", 2_000L);
    long pollIntervalMs = ConfigValues.positive(monitoring, "monitoring", "pollIntervalMs", 5_000L);
    long idleTimeoutMs = ConfigValues.positive(monitoring, "monitoring", "idleTimeoutMs", 60_000L);
    // read before anything is installed: a refusal thrown after it would skip release()
    int port = ConfigValues.wholeInt(monitoring, "monitoring", "port", 9100);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("monitoring.port out of range: " + port);
    }
    HealthChecks checks = HealthChecks.create(vertx);
    checks.register("cluster", this::clusterStatus);
    JsonObject pbxs = config().getJsonObject("pbxs", new JsonObject());
    for (String pbx : pbxs.fieldNames()) {
      JsonObject pbxConfig = pbxs.getJsonObject(pbx, new JsonObject());
      // a PBX configured for ARI alone has no AMI to watch; any other PBX is expected to have AMI
      if (pbxConfig.containsKey("ami") || !pbxConfig.containsKey("ari")) {
        sources.add(InfoSource.ami(vertx, prefix, pbx, timeoutMs));
      }
      if (pbxConfig.containsKey("ari")) {
        sources.add(InfoSource.ari(vertx, prefix, pbx, timeoutMs));
      }
    }
    for (InfoSource source : sources) {
      meters.add(InfoMeters.of(registry, source));
      checks.register(source.checkName(), timeoutMs + 1_000, promise -> PbxHealth.check(source, promise));
    }
    vertx.setPeriodic(1, pollIntervalMs, id -> pollInfo());
    callMeters = new ServiceCallMeters(vertx, registry, prefix).start();

    Router router = Router.router(vertx);
    router.get("/health*").handler(HealthCheckHandler.createWithHealthChecks(checks));
    router.get("/metrics").handler(ctx -> ctx.response()
      .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
      .end(registry.scrape()));
    String host = monitoring.getString("host", "127.0.0.1");
    // A connection that sends and receives nothing this long is closed: one that never finishes its
    // request, or never reads the answer, would otherwise be held (with that answer) for good.
    HttpServerOptions options = new HttpServerOptions()
      .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeoutMs)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    return vertx.createHttpServer(options).requestHandler(router).listen(port, host)
      .onSuccess(s -> {
        server = s;
        LOG.info("health and metrics on http://" + host + ":" + s.actualPort() + "/health and /metrics");
      })
      // a failed start is not followed by stop(): what is not tied to this verticle goes here
      .onFailure(err -> release());
  }

  private void clusterStatus(io.vertx.core.Promise<Status> result) {
    if (clusterManager == null) {
      result.complete(Status.OK(new JsonObject().put("clustered", false)));
    } else if (clusterManager.isActive()) {
      result.complete(Status.OK(new JsonObject().put("clustered", true)
        .put("nodeId", clusterManager.getNodeId()).put("members", clusterManager.getNodes().size())));
    } else {
      result.complete(Status.KO(new JsonObject().put("clustered", true).put("reason", "not a member of the cluster")));
    }
  }

  private void pollInfo() {
    for (int i = 0; i < sources.size(); i++) {
      InfoMeters m = meters.get(i);
      sources.get(i).info().onSuccess(m::update).onFailure(err -> m.unreachable());
    }
  }

  /** The event-bus interceptors and the meters: Vert.x removes neither with the verticle. */
  private void release() {
    if (callMeters != null) {
      callMeters.stop();
      callMeters = null;
    }
    meters.forEach(InfoMeters::close);
  }

  /** The HTTP port (useful when configured as 0), or -1 before start. */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> stop() {
    release();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
