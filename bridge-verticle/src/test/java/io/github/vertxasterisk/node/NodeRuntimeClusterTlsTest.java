package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/cluster.md: {@code cluster.tls} in the node config puts the node's event bus in mutual TLS. The
 * node (NodeRuntime) built its clustered Vert.x from ClusterSetup.clusterManager only, so the section was
 * silently ignored: a node "with TLS" talked in clear, and TLS without a key was not refused.
 */
class NodeRuntimeClusterTlsTest {
  private final SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
  private final List<Future<Void>> closers = new ArrayList<>();
  private final List<Runnable> toClose = new ArrayList<>();
  private final String name = "node-tls-" + UUID.randomUUID();

  @AfterEach
  void close() throws Exception {
    toClose.forEach(Runnable::run);
    Future.join(closers).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    certificate.delete();
  }

  @Test
  void aNodeWithClusterTlsTalksToAPeerWithTheKey() throws Exception {
    int port = freePair();
    JsonObject tls = new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath());
    Vertx peer = get(ClusterSetup.start(cluster(port, port, tls)));
    toClose.add(() -> closers.add(peer.close()));
    get(peer.eventBus().<String>consumer("tls.echo", m -> m.reply("echo " + m.body())).completion());
    NodeRuntime node = get(NodeRuntime.start(new JsonObject().put("cluster", cluster(port, port + 1, tls))));
    toClose.add(() -> closers.add(node.close()));

    Throwable failure = null;
    String answer = null;
    long deadline = System.currentTimeMillis() + 20_000;
    while (answer == null && System.currentTimeMillis() < deadline) { // the peer's consumer reaches the node's view
      try {
        answer = get(node.vertx().eventBus().<String>request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(3_000))).body();
      } catch (Exception e) {
        failure = e;
        Thread.sleep(200);
      }
    }
    assertThat(answer).as("the node's request to a TLS peer (last failure: %s)", failure).isEqualTo("echo hello");
  }

  /** The CLI (tail/send over the cluster) joins with the same section: it must speak TLS to the nodes too. */
  @Test
  void theCliJoiningWithClusterTlsReachesATlsNode() throws Exception {
    int port = freePair();
    JsonObject tls = new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath());
    Vertx peer = get(ClusterSetup.start(cluster(port, port, tls)));
    toClose.add(() -> closers.add(peer.close()));
    get(peer.eventBus().<JsonObject>consumer("tls.cli", m -> m.reply(new JsonObject().put("echo", m.headers().get("action")))).completion());
    io.github.vertxasterisk.node.cli.CliTransport cli = get(io.github.vertxasterisk.node.cli.ClusterTransport.join(cluster(port, port + 1, tls)));
    toClose.add(() -> closers.add(cli.close()));
    JsonObject answer = null;
    Throwable failure = null;
    long deadline = System.currentTimeMillis() + 20_000;
    while (answer == null && System.currentTimeMillis() < deadline) {
      try {
        answer = get(cli.call("tls.cli", "ping", new JsonObject(), 3_000));
      } catch (Exception e) {
        failure = e;
        Thread.sleep(200);
      }
    }
    assertThat(answer).as("the CLI's call to a TLS node (last failure: %s)", failure).isEqualTo(new JsonObject().put("echo", "ping"));
  }

  @Test
  void clusterTlsWithoutAKeyIsRefusedByTheNode() throws Exception {
    int port = freePair();
    Throwable failure = NodeRuntime.start(new JsonObject().put("cluster", cluster(port, port, new JsonObject().put("enabled", true))))
      .transform(ar -> ar.succeeded() ? ar.result().close().map(v -> (Throwable) null) : Future.succeededFuture(ar.cause()))
      .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    assertThat(failure).as("a node with cluster.tls enabled and no key").isNotNull();
    assertThat(failure.getMessage()).contains("cluster.tls.enabled needs certPath+keyPath (PEM) or keyStorePath");
  }

  private JsonObject cluster(int first, int own, JsonObject tls) {
    return new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", own).put("portAutoIncrement", false)
      .put("members", new JsonArray().add("127.0.0.1:" + first).add("127.0.0.1:" + (first + 1))).put("tls", tls);
  }

  /** Two consecutive free ports below Linux's ephemeral range. */
  private static int freePair() throws Exception {
    for (int i = 0; i < 100; i++) {
      int port = ThreadLocalRandom.current().nextInt(15_000, 30_000);
      try (ServerSocket a = new ServerSocket(port); ServerSocket b = new ServerSocket(port + 1)) {
        return port;
      } catch (java.io.IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free ports");
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
