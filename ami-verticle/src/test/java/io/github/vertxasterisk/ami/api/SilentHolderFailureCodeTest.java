package io.github.vertxasterisk.ami.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * AmiService's contract: "Every method fails with a ReplyException whose code is one of FailureCode".
 * A holder that never answers (frozen, or killed with -9 and no node taking over) makes the bus's own
 * send timeout end the call: that failure must carry a code of the table too, not the bus's -1.
 */
class SilentHolderFailureCodeTest {
  private final Vertx vertx = Vertx.vertx();
  private final AmiAddresses pbx = AmiAddresses.of("pbx-silent");

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCallTheHolderNeverAnswersFailsWithACodeOfTheTable() throws Exception {
    vertx.eventBus().consumer(pbx.service(), m -> { }).completion().toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxyWithOptions(vertx, pbx.service(), new DeliveryOptions().setSendTimeout(300));

    for (Future<?> call : new Future<?>[] {ami.ping(), ami.send(new JsonObject().put("Action", "CoreStatus")),
        ami.originate(new JsonObject().put("Channel", "Local/100@test").put("Application", "Wait").put("Timeout", 200))}) {
      Throwable failure = failureOf(call);
      assertThat(failure).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) failure).failureCode()).as(failure.toString()).isEqualTo(FailureCode.TIMEOUT.code());
      assertThat(FailureCode.of(failure)).isEqualTo(FailureCode.TIMEOUT);
      assertThat(failure.getMessage()).startsWith("timeout: ").contains(pbx.service());
    }
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
