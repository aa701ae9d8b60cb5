package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.cluster.ClusterPorts;
import io.github.vertxasterisk.common.cluster.ClusterSetup;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
    int port = ClusterPorts.firstOfFree(2);
    JsonObject tls = new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath());
    Vertx peer = get(ClusterSetup.start(cluster(port, port, tls)));
    toClose.add(() -> closers.add(peer.close()));
    get(peer.eventBus().<String>consumer("tls.echo", m -> m.reply("echo " + m.body())).completion());
    NodeRuntime node = get(NodeRuntime.start(new JsonObject().put("cluster", cluster(port, port + 1, tls))));
    toClose.add(() -> closers.add(node.close()));

    String answer = firstAnswer("the node's request to a TLS peer",
      () -> node.vertx().eventBus().<String>request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(3_000)).map(Message::body));
    assertThat(answer).isEqualTo("echo hello");
  }

  /** The CLI (tail/send over the cluster) joins with the same section: it must speak TLS to the nodes too. */
  @Test
  void theCliJoiningWithClusterTlsReachesATlsNode() throws Exception {
    int port = ClusterPorts.firstOfFree(2);
    JsonObject tls = new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath());
    Vertx peer = get(ClusterSetup.start(cluster(port, port, tls)));
    toClose.add(() -> closers.add(peer.close()));
    get(peer.eventBus().<JsonObject>consumer("tls.cli", m -> m.reply(new JsonObject().put("echo", m.headers().get("action")))).completion());
    io.github.vertxasterisk.node.cli.CliTransport cli = get(io.github.vertxasterisk.node.cli.ClusterTransport.join(cluster(port, port + 1, tls)));
    toClose.add(() -> closers.add(cli.close()));
    JsonObject answer = firstAnswer("the CLI's call to a TLS node", () -> cli.call("tls.cli", "ping", new JsonObject(), 3_000));
    assertThat(answer).isEqualTo(new JsonObject().put("echo", "ping"));
  }

  @Test
  void clusterTlsWithoutAKeyIsRefusedByTheNode() throws Exception {
    int port = ClusterPorts.firstOfFree(2);
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

  /**
   * The first answer to a request asked again until one comes, within 20 s: a consumer registered on one
   * member takes a moment to reach the other's view. The last failure is in the error when none comes.
   */
  private static <T> T firstAnswer(String what, Supplier<Future<T>> request) {
    AtomicReference<T> answer = new AtomicReference<>();
    AtomicReference<Exception> lastFailure = new AtomicReference<>();
    try {
      Await.eventually(Duration.ofSeconds(20), what, () -> {
        try {
          answer.set(get(request.get()));
          return true;
        } catch (Exception e) {
          lastFailure.set(e);
          return false;
        }
      });
    } catch (AssertionError none) {
      throw new AssertionError(none.getMessage() + " (last failure: " + lastFailure.get() + ")", lastFailure.get());
    }
    return answer.get();
  }

  private static <T> T get(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
