package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code cluster.tls}: nodes holding the cluster's key exchange messages over mutual TLS; a member
 * without it (it still joins Hazelcast, whose traffic stays in clear) can send nothing to them.
 */
class ClusterTlsTest {
  private final SelfSignedCertificate certificate = SelfSignedCertificate.create("127.0.0.1");
  private final List<Vertx> nodes = new ArrayList<>();
  private final String name = "tls-" + UUID.randomUUID();
  private final int port = ClusterPorts.firstOfFree(3);

  @AfterEach
  void close() throws Exception {
    await(Future.join(nodes.stream().map(Vertx::close).toList()));
    certificate.delete();
  }

  @Test
  void nodesWithTheKeyTalkAndANodeWithoutItCannotReachThem() throws Exception {
    JsonObject tls = new JsonObject().put("enabled", true)
      .put("certPath", certificate.certificatePath()).put("keyPath", certificate.privateKeyPath());
    Vertx a = join(0, tls);
    Vertx b = join(1, tls);
    Vertx plain = join(2, null);
    await(b.eventBus().<String>consumer("tls.echo", m -> m.reply("echo " + m.body())).completion());
    eventually("every member knows b's consumer", () -> members(plain) == 3 && members(a) == 3);

    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(3_000);
    assertThat(await(a.eventBus().<String>request("tls.echo", "hello", quick)).body()).isEqualTo("echo hello");
    Throwable refused = await(plain.eventBus().request("tls.echo", "hello", quick).map(m -> (Throwable) null).otherwise(e -> e));
    // never delivered: b's TLS port refuses the plain connection, so the request times out
    assertThat(refused).as("a request from the member without the key").isInstanceOf(ReplyException.class);
    assertThat(((ReplyException) refused).failureType()).isEqualTo(ReplyFailure.TIMEOUT);
  }

  @Test
  void tlsWithoutAKeyIsRefusedAtStart() {
    JsonObject tls = new JsonObject().put("enabled", true);
    Throwable refused = startFailure(() -> ClusterSetup.start(cluster(0, tls)));
    assertThat(refused).hasMessageContaining("cluster.tls.enabled needs certPath+keyPath (PEM) or keyStorePath");
  }

  private Vertx join(int index, JsonObject tls) throws Exception {
    Vertx node = await(ClusterSetup.start(cluster(index, tls)));
    nodes.add(node);
    return node;
  }

  private JsonObject cluster(int index, JsonObject tls) {
    JsonObject cluster = new JsonObject().put("name", name).put("host", "127.0.0.1").put("port", port + index)
      .put("portAutoIncrement", false)
      .put("members", new JsonArray().add("127.0.0.1:" + port).add("127.0.0.1:" + (port + 1)).add("127.0.0.1:" + (port + 2)));
    return tls == null ? cluster : cluster.put("tls", tls);
  }

  private static int members(Vertx node) {
    return ((VertxInternal) node).clusterManager().getNodes().size();
  }

  private static Throwable startFailure(Callable<Future<Vertx>> start) {
    try {
      return start.call().map(v -> (Throwable) null).otherwise(e -> e).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      return e;
    }
  }
}
