package io.github.vertxasterisk.common.cluster;

import static io.github.vertxasterisk.common.Waiting.await;
import static io.github.vertxasterisk.common.Waiting.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.ConnectionState;
import io.github.vertxasterisk.common.StatusChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ProxyHandler;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Undeploying reports {@code stopped} on {@code .status} as the last word of this node, whatever it
 * was doing: on standby (it never held), or in the middle of a step-down (whose session reports
 * {@code standby} when its connection is closed).
 */
class HeldConnectionStopTest {
  private static final String ADDRESS = "test.held.stop";
  private static final HolderOptions FAST = HolderOptions.from(new JsonObject().put("pollMs", 50).put("leaseMs", 60_000));

  private final Vertx vertx = Vertx.vertx();
  private final List<String> states = new CopyOnWriteArrayList<>();
  private final StatusChannel status = new StatusChannel(vertx, ADDRESS + ".status", "test", "pbx1", "node");
  private final AtomicReference<HolderTerm> term = new AtomicReference<>();

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
  }

  interface Echo {
  }

  /** What codegen would generate for {@link Echo} (ServiceBinder looks it up by name). */
  public static final class EchoVertxProxyHandler extends ProxyHandler {
    public EchoVertxProxyHandler(Vertx vertx, Echo service, boolean topLevel, long timeoutSeconds, boolean includeDebugInfo) {
    }

    @Override
    public void handle(Message<JsonObject> message) {
      message.reply(new JsonObject());
    }
  }

  /** A session as AmiSession's: closing its connection takes a moment, then it reports its final state. */
  private HeldConnection.Term<Echo> openTerm(HolderTerm t) {
    term.set(t);
    return new HeldConnection.Term<>(new HeldConnection.Session() {
      @Override
      public void start() {
        status.publish(ConnectionState.CONNECTED, t.epoch(), null, new JsonObject());
      }

      @Override
      public Future<Void> stop(ConnectionState finalState, String reason) {
        Promise<Void> closed = Promise.promise();
        vertx.setTimer(300, id -> { // a Logoff answered
          status.publish(finalState, t.epoch(), reason, new JsonObject());
          closed.complete();
        });
        return closed.future();
      }
    }, new Echo() {
    });
  }

  private <T> T onContext(Callable<Future<T>> action) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.runOnContext(v -> {
      try {
        action.call().onComplete(done);
      } catch (Exception e) {
        done.fail(e);
      }
    });
    return await(done.future());
  }

  private HeldConnection<Echo> startConnection() throws Exception {
    await(vertx.eventBus().<JsonObject>consumer(ADDRESS + ".status", m -> states.add(m.body().getString("state"))).completion());
    return onContext(() -> {
      HeldConnection<Echo> held = new HeldConnection<>(vertx, Echo.class, ADDRESS, status, FAST, this::openTerm);
      held.start();
      return Future.succeededFuture(held);
    });
  }

  @Test
  void aStandbyThatIsUndeployedReportsStopped() throws Exception {
    // Another node holds the PBX: its lock is taken.
    await(vertx.sharedData().getLockWithTimeout("vertx-asterisk.holder." + ADDRESS, 1_000));
    HeldConnection<Echo> held = startConnection();
    eventually("standby reported", () -> states.contains("standby"));

    onContext(held::stop);

    eventually("stopped reported after " + states, () -> states.contains("stopped"));
    assertThat(states).as("what this node reported").containsExactly("standby", "stopped");
  }

  @Test
  void anUndeployDuringAStepDownEndsWithStopped() throws Exception {
    HeldConnection<Echo> held = startConnection();
    eventually("connected", () -> states.contains("connected"));

    // The lease runs out (or a rebalance hands the PBX back) and, while the session closes, the node stops.
    onContext(() -> {
      term.get().lose("lease expired");
      return held.stop();
    });

    eventually("the step-down's session closed", () -> states.lastIndexOf("standby") > 0);
    eventually("stopped reported after " + states, () -> states.contains("stopped"));
    assertThat(states.get(states.size() - 1)).as("the last state this node reported, of " + states).isEqualTo("stopped");
  }
}
