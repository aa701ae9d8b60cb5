package io.github.vertxasterisk.ami.api;

import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.AmiVerticle;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.testing.Await;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An async {@code originate} rings for its {@code Timeout} (Asterisk's default 30000 ms) before Asterisk
 * sends {@code OriginateResponse} with {@code Response: Failure}, {@code Reason: 3} (no answer), so the
 * caller must wait longer than the proxy's send timeout (30 s by default): README's own example, which
 * promised {@code asterisk-error ... Reason 3} and got a bare bus timeout. Here the same with short
 * times: a proxy send timeout of 2 s and a ring of 3 s. The peer below answers as Asterisk 22 does
 * (capture ami/04b: the queued response at once, the OriginateResponse when the call ends).
 */
class UnansweredOriginateTest {
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
  void anOriginateNobodyAnswersFailsWithAsterisksReasonNotABusTimeout() throws Exception {
    Throwable failure = awaitFailure(connectedProxy().originate(unanswered().put("Async", "true")));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(failure.getMessage()).contains("Reason 3");
  }

  /** A synchronous Originate is answered only when the call ends too: not cut at actionTimeoutMs (1 s here). */
  @Test
  void aSynchronousOriginateWaitsForItsAnswerBeyondTheActionTimeout() throws Exception {
    Throwable failure = awaitFailure(connectedProxy().originate(unanswered()));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(failure.getMessage()).isEqualTo("asterisk-error: Originate failed: Originate failed");
  }

  /**
   * The same sent as a plain action, as docs/bridge.md advises bridge clients to ("For AMI, prefer send
   * with actions") and as the CLI's {@code send Action=Originate ...} does: answered when the call ends
   * too, and the keepalive (a Ping every 300 ms, answered
   * within 1 s, here: a 3 s ring outlasts both) waits as long, for Asterisk answers no Ping meanwhile.
   */
  @Test
  void aSynchronousOriginateSentWithSendGetsItsAnswerAndKeepsTheConnection() throws Exception {
    AmiService ami = connectedProxy();
    states.clear();
    Throwable failure = awaitFailure(ami.send(unanswered().put("Action", "Originate")));
    assertThat(Await.await(ami.ping())).as("the connection still answers").isNotNull();
    assertThat(states).as("states on .status while the Originate rang; the call's outcome: " + failure)
      .noneMatch(state -> state.startsWith("disconnected"));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(failure.getMessage()).isEqualTo("asterisk-error: Originate failed: Originate failed");
  }

  private static JsonObject unanswered() {
    return new JsonObject().put("Channel", "Local/300@test").put("Context", "default").put("Exten", "s")
      .put("Priority", 1).put("Timeout", 3_000);
  }

  private AmiService connectedProxy() throws Exception {
    NetServer pbx = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(this::asterisk);
    int port = pbx.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    JsonObject config = new JsonObject().put("node", "n1").put("pbx", new JsonObject().put("id", "pbx-noanswer")
      .put("ami", new JsonObject().put("host", "127.0.0.1").put("port", port).put("username", "admin").put("secret", "amp111")
        .put("actionTimeoutMs", 1_000).put("keepAliveIntervalMs", 300).put("keepAliveTimeoutMs", 1_000)));
    vertx.eventBus().<JsonObject>consumer(AmiAddresses.of("pbx-noanswer").status(),
      m -> states.add(m.body().getString("state") + " " + m.body().getString("reason", "")));
    vertx.deployVerticle(new AmiVerticle(), new DeploymentOptions().setConfig(config)).toCompletionStage().toCompletableFuture().get();
    AmiAddresses addresses = AmiAddresses.of("pbx-noanswer");
    AmiService ami = AmiService.createProxyWithOptions(vertx, addresses.service(), new DeliveryOptions().setSendTimeout(2_000));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"connected".equals(infoState(ami))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not connected within 10 s: " + states);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return ami;
  }

  private static String infoState(AmiService ami) {
    try {
      return ami.info().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).getString("state");
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Login, Ping, CoreSettings: Success. Originate after its Timeout (the ring): async, queued at once then
   * OriginateResponse Failure Reason 3; sync, Response: Error "Originate failed".
   */
  private void asterisk(NetSocket socket) {
    socket.write("Asterisk Call Manager/11.0.0\r\n");
    List<String> held = new ArrayList<>(); // answers Asterisk owes while a synchronous Originate rings
    boolean[] ringing = {false};
    socket.handler(ClientActions.handler(action -> {
      String id = find(ACTION_ID, action, "");
      if (!"Originate".equalsIgnoreCase(find(ACTION, action, ""))) {
        String answer = "Response: Success\r\nActionID: " + id + "\r\nMessage: ok\r\n\r\n";
        if (ringing[0]) {
          held.add(answer);
        } else {
          socket.write(answer);
        }
        return;
      }
      long ringMs = Long.parseLong(find(TIMEOUT, action, "30000"));
      if (!ASYNC.matcher(action).find()) { // capture 04b: a failed synchronous Originate, nothing else answered meanwhile
        ringing[0] = true;
        vertx.setTimer(ringMs, t -> {
          socket.write("Response: Error\r\nActionID: " + id + "\r\nMessage: Originate failed\r\n\r\n");
          ringing[0] = false;
          held.forEach(socket::write);
          held.clear();
        });
        return;
      }
      socket.write("Response: Success\r\nActionID: " + id + "\r\nMessage: Originate successfully queued\r\n\r\n");
      vertx.setTimer(ringMs, t -> socket.write("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: " + id
        + "\r\nResponse: Failure\r\nChannel: Local/300@test\r\nContext: default\r\nExten: s\r\nReason: 3\r\n"
        + "Uniqueid: <unknown>\r\nCallerIDNum: <unknown>\r\nCallerIDName: <unknown>\r\n\r\n"));
    }));
  }

  private static String find(Pattern pattern, String text, String otherwise) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1).trim() : otherwise;
  }
}
