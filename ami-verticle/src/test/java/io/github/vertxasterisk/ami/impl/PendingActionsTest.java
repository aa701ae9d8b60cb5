package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Correlation rules, with messages shaped like the captures (03-ping, 05-coreshowchannels, 04-originate). */
class PendingActionsTest {
  private final Vertx vertx = Vertx.vertx();
  private final PendingActions pending = new PendingActions(vertx);

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void aResponseWithoutActionIdIsNeverMatched() {
    Future<ActionResult> ping = pending.add("a-1", "Ping", PendingActions.Kind.SINGLE, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "Ping", "Pong", "Timestamp", "1795416980.122591"));
    assertThat(ping.isComplete()).isFalse();
    assertThat(pending.unmatched()).isEqualTo(1);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "a-1", "Ping", "Pong"));
    assertThat(ping.result().response().get("Ping")).isEqualTo("Pong");
    assertThat(pending.size()).isZero();
  }

  @Test
  void aResponseForAnotherActionIdLeavesThisOneWaiting() {
    Future<ActionResult> a = pending.add("a-1", "Ping", PendingActions.Kind.SINGLE, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "someone-else"));
    assertThat(a.isComplete()).isFalse();
  }

  @Test
  void eventListCollectsItemsUntilComplete() {
    Future<ActionResult> list = pending.add("l-1", "CoreShowChannels", PendingActions.Kind.LIST, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "l-1", "EventList", "start",
      "Message", "Channels will follow"));
    assertThat(pending.onEvent(AmiMessage.of("Event", "CoreShowChannel", "ActionID", "l-1", "Channel", "Local/300@test-00000010;1"))).isTrue();
    assertThat(pending.onEvent(AmiMessage.of("Event", "Newexten", "Channel", "x"))).isFalse();
    pending.onEvent(AmiMessage.of("Event", "CoreShowChannel", "ActionID", "l-1", "Channel", "Local/300@test-00000010;2"));
    assertThat(list.isComplete()).isFalse();
    pending.onEvent(AmiMessage.of("Event", "CoreShowChannelsComplete", "ActionID", "l-1", "EventList", "Complete",
      "ListItems", "2"));
    assertThat(list.result().events()).extracting(e -> e.get("Channel"))
      .containsExactly("Local/300@test-00000010;1", "Local/300@test-00000010;2");
    assertThat(list.result().complete().get("ListItems")).isEqualTo("2");
  }

  /** Capture 08: DBGet answers "EventList: start", then DBGetResponse and DBGetComplete. */
  @Test
  void aSingleActionAnsweredWithAListEndsWithTheListAndKeepsItsEventsOffTheBus() {
    Future<ActionResult> dbGet = pending.add("dbget-13", "DBGet", PendingActions.Kind.SINGLE, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "dbget-13", "EventList", "start",
      "Message", "Result will follow"));
    assertThat(dbGet.isComplete()).isFalse();
    assertThat(pending.onEvent(AmiMessage.of("Event", "DBGetResponse", "Family", "captest", "Key", "k1",
      "Val", "value one", "ActionID", "dbget-13"))).isTrue();
    assertThat(pending.onEvent(AmiMessage.of("Event", "DBGetComplete", "ActionID", "dbget-13", "EventList", "Complete",
      "ListItems", "1"))).isTrue();
    assertThat(dbGet.result().response().get("Message")).isEqualTo("Result will follow");
    assertThat(pending.size()).isZero();
  }

  /** Captures 05, 06: Command's output is in its response, though its Message says "follows". */
  @Test
  void commandOutputIsNoEventList() {
    Future<ActionResult> list = pending.add("cmd-0", "Command", PendingActions.Kind.LIST, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "cmd-0", "Message", "Command output follows",
      "Output", "Asterisk 22.10.1"));
    assertThat(list.isComplete()).isTrue();
    assertThat(list.result().events()).isEmpty();
  }

  @Test
  void anErrorResponseEndsAListAtOnce() {
    Future<ActionResult> list = pending.add("l-2", "Status", PendingActions.Kind.LIST, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Error", "ActionID", "l-2", "Message", "No such channel"));
    assertThat(list.result().isError()).isTrue();
  }

  @Test
  void asyncOriginateWaitsForItsOriginateResponse() {
    Future<ActionResult> call = pending.add("o-1", "Originate", PendingActions.Kind.ORIGINATE, 60_000);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "o-1", "Message", "Originate successfully queued"));
    assertThat(call.isComplete()).isFalse();
    pending.onEvent(AmiMessage.of("Event", "Newchannel", "Channel", "Local/100@test-0000000e;1"));
    pending.onEvent(AmiMessage.of("Event", "OriginateResponse", "Privilege", "call,all", "ActionID", "o-1",
      "Response", "Success", "Reason", "4"));
    assertThat(call.result().events()).hasSize(1);
    assertThat(call.result().events().get(0).get("Reason")).isEqualTo("4");
  }

  @Test
  void failAllEndsEveryWaiterWithDisconnected() {
    Future<ActionResult> a = pending.add("a-1", "Ping", PendingActions.Kind.SINGLE, 60_000);
    Future<ActionResult> b = pending.add("b-1", "Originate", PendingActions.Kind.ORIGINATE, 60_000);
    pending.failAll("socket reset");
    assertThat(FailureCode.of(a.cause())).isEqualTo(FailureCode.DISCONNECTED);
    assertThat(b.cause()).hasMessageContaining("socket reset").hasMessageStartingWith("disconnected:");
    assertThat(pending.size()).isZero();
  }

  @Test
  void timeoutFailsTheWaiterAndForgetsIt() throws Exception {
    Future<ActionResult> a = pending.add("t-1", "Ping", PendingActions.Kind.SINGLE, 20);
    ActionResult ignored = null;
    try {
      ignored = a.toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException expected) {
      assertThat(FailureCode.of(expected.getCause())).isEqualTo(FailureCode.TIMEOUT);
    }
    assertThat(ignored).isNull();
    assertThat(pending.size()).isZero();
    assertThat(pending.owed("t-1")).as("no answer came: a late one still may, so the id is not reused").isTrue();
  }

  /**
   * README: a list's events are its caller's answer and are not published. A list that times out after
   * it started (a busy PBX answering a long CoreShowChannels) still sends its items: they stay off the bus.
   */
  @Test
  void theRestOfAListThatTimedOutStaysOffTheBus() throws Exception {
    Future<ActionResult> list = pending.add("csc-1", "CoreShowChannels", PendingActions.Kind.LIST, 20);
    pending.onResponse(AmiMessage.of("Response", "Success", "ActionID", "csc-1", "EventList", "start",
      "Message", "Channels will follow"));
    Throwable timedOut = catchThrowable(() -> list.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertThat(FailureCode.of(timedOut.getCause())).as(String.valueOf(timedOut)).isEqualTo(FailureCode.TIMEOUT);
    assertThat(pending.onEvent(AmiMessage.of("Event", "CoreShowChannel", "ActionID", "csc-1",
      "Channel", "Local/300@test-00000013;2", "Linkedid", "cap-300-a"))).isTrue();
    assertThat(pending.onEvent(AmiMessage.of("Event", "CoreShowChannelsComplete", "ActionID", "csc-1",
      "EventList", "Complete", "ListItems", "1"))).isTrue();
    // The list is over: a later event naming that ActionID is news again.
    assertThat(pending.onEvent(AmiMessage.of("Event", "UserEvent", "UserEvent", "X", "ActionID", "csc-1"))).isFalse();
  }
}
