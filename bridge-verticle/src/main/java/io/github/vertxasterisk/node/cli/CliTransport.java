package io.github.vertxasterisk.node.cli;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** How the command-line tool reaches the bus: as a cluster member, or as a TCP bridge client. */
public interface CliTransport {

  /**
   * Receives every message on {@code address}; completes once the subscription is sent (bridge) or in
   * place (cluster). {@code refused} hears why, when the bridge refuses it.
   */
  Future<Void> subscribe(String address, Consumer<JsonObject> handler, Consumer<String> refused);

  /**
   * A service-proxy call: a send to {@code address} with header {@code action=method}. Fails with a
   * {@link io.vertx.core.eventbus.ReplyException} carrying the service's failure code and message.
   */
  Future<JsonObject> call(String address, String method, JsonObject body, long timeoutMs);

  Future<Void> close();
}
