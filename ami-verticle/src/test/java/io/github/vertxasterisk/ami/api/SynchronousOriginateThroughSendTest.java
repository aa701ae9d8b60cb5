package io.github.vertxasterisk.ami.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A synchronous Originate sent with {@code send()}, as docs/bridge.md advises bridge clients to do ("For
 * AMI, prefer send with actions"), and as the CLI's {@code send Action=Originate ...} does. Asterisk runs
 * it on the session's thread and answers nothing else, not even a Ping, until the call is answered or
 * has failed, up to its Timeout (README: "A synchronous Originate waits actionTimeoutMs plus its
 * Timeout too"). The peer below does exactly that: answers queue up behind the Originate.
 */
class SynchronousOriginateThroughSendTest {
  private static final Pattern ACTION_ID = Pattern.compile("(?im)^ActionID: *(.*)$");
  private static final Pattern ACTION = Pattern.compile("(?im)^Action: *(.*)$");
  private static final Pattern TIMEOUT = Pattern.compile("(?im)^Timeout: *(\\d+)$");
  private static final Pattern ASYNC = Pattern.compile("(?im)^Async: *true$");

  private final Vertx vertx = Vertx.vertx();
  private final List<String> states = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSynchronousOriginateSentWithSendGetsItsAnswerAndKeepsTheConnection() throws Exception {
    AmiService ami = connectedProxy();
    states.clear();
    Future<JsonObject> originate = ami.send(new JsonObject().put("Action", "Originate").put("Channel", "Local/300@test")
      .put("Context", "default").put("Exten", "s").put("Priority", 1).put("Timeout", 3_000));
    Throwable failure;
    try {
      originate.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected Asterisk's 'Originate failed'");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(Await.await(ami.ping())).as("the connection still answers").isNotNull();
    assertThat(states).as("states on .status while the Originate rang; the call's outcome: " + failure)
      .noneMatch(state -> state.startsWith("disconnected"));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(failure.getMessage()).isEqualTo("asterisk-error: Originate failed: Originate failed");
  }

  private AmiService connectedProxy() throws Exception {
    NetServer pbx = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(this::asterisk);
    int port = pbx.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    AmiAddresses addresses = AmiAddresses.of("pbx-syncsend");
    vertx.eventBus().<JsonObject>consumer(addresses.status(), m -> states.add(m.body().getString("state") + " " + m.body().getString("reason", "")));
    JsonObject config = new JsonObject().put("node", "n1").put("pbx", new JsonObject().put("id", "pbx-syncsend")
      .put("ami", new JsonObject().put("host", "127.0.0.1").put("port", port).put("username", "admin").put("secret", "amp111")
        .put("actionTimeoutMs", 1_000).put("keepAliveIntervalMs", 300).put("keepAliveTimeoutMs", 300)));
    vertx.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)).toCompletionStage().toCompletableFuture().get();
    AmiService ami = AmiService.createProxyWithOptions(vertx, addresses.service(), new DeliveryOptions().setSendTimeout(2_000));
    Await.eventually(Duration.ofSeconds(10), "connected", () -> "connected".equals(infoState(ami)));
    return ami;
  }

  private static String infoState(AmiService ami) {
    try {
      return ami.info().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).getString("state");
    } catch (Exception e) {
      return null;
    }
  }

  /** Answers every action at once, except while a synchronous Originate rings: then after it. */
  private void asterisk(NetSocket socket) {
    socket.write("Asterisk Call Manager/11.0.0\r\n");
    boolean[] ringing = {false};
    List<String> held = new ArrayList<>();
    socket.handler(ClientActions.handler(action -> {
      String id = find(ACTION_ID, action, "");
      String answer;
      if (!"Originate".equalsIgnoreCase(find(ACTION, action, ""))) {
        answer = "Response: Success\r\nActionID: " + id + "\r\nMessage: ok\r\n\r\n";
      } else if (ASYNC.matcher(action).find()) {
        answer = "Response: Success\r\nActionID: " + id + "\r\nMessage: Originate successfully queued\r\n\r\n";
      } else {
        held.add(null); // the session's thread is taken until the call fails (capture 04b)
        ringing[0] = true;
        vertx.setTimer(Long.parseLong(find(TIMEOUT, action, "30000")), t -> {
          socket.write("Response: Error\r\nActionID: " + id + "\r\nMessage: Originate failed\r\n\r\n");
          ringing[0] = false;
          held.stream().filter(a -> a != null).forEach(socket::write);
          held.clear();
        });
        return;
      }
      if (ringing[0]) {
        held.add(answer);
      } else {
        socket.write(answer);
      }
    }));
  }

  private static String find(Pattern pattern, String text, String otherwise) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1).trim() : otherwise;
  }
}
