package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;

import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.StatusChannel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A term that cannot even be opened (its session's constructor throws, e.g. on a config value only it
 * checks) must end the holding term: the lock goes back and the election tries again, instead of the
 * node holding the PBX's lock for good with no session and no service behind it.
 */
class HeldConnectionTakeOverFailureTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  interface Echo {
  }

  @Test
  void aTermThatThrowsWhileOpeningIsGivenUpAndTriedAgain() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    HolderOptions fast = HolderOptions.from(new JsonObject().put("pollMs", 50).put("leaseMs", 400));
    StatusChannel status = new StatusChannel(vertx, "test.held.status", "test", "pbx1", "node");
    vertx.runOnContext(v -> new HeldConnection<>(vertx, Echo.class, "test.held", status, fast, term -> {
      if (opened.incrementAndGet() == 1) {
        throw new IllegalArgumentException("backoff needs 0 < initial <= max, got 60000/30000");
      }
      return new HeldConnection.Term<Echo>(new HeldConnection.Session() {
        @Override
        public void start() {
        }

        @Override
        public Future<Void> stop(ConnectionState finalState, String reason) {
          return Future.succeededFuture();
        }
      }, new Echo() {
      });
    }).start());

    eventually("a second take-over after the first failed", () -> opened.get() >= 2);
  }
}
