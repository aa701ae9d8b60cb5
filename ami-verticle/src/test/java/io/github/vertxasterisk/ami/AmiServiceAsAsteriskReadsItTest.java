package io.github.vertxasterisk.ami;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static io.github.vertxasterisk.sim.testing.Await.awaitFailure;
import static io.github.vertxasterisk.sim.testing.Await.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ami.testing.AmiVerticleFixture;
import io.github.vertxasterisk.ami.testing.ClientActions;
import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.sim.PbxSimulator;
import io.github.vertxasterisk.sim.testing.Await.Recorder;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * Requests as Asterisk's manager.c reads them, not as the verticle might wish: leading blanks skipped,
 * nothing trimmed at the end, the first of a repeated header, at most 128 lines, C strings. Each case
 * was a defect found by review: the verticle drew another conclusion than Asterisk from the same
 * request (an ActionID, an Async flag) and answered its caller wrongly.
 */
class AmiServiceAsAsteriskReadsItTest extends AmiVerticleFixture {

  // ---------------------------------------------------------------------------------------------
  // A scripted peer that reads headers as Asterisk's manager.c does (astman_get_header: first header
  // of that name in any case, leading blanks skipped, nothing trimmed at the end, at most
  // AST_MAX_MANHEADERS = 128 lines, a C string ending at NUL). Answers Success unless a script
  // takes the action (returns true).
  // ---------------------------------------------------------------------------------------------
  static final class ScriptedPbx {
    final List<String> received = new CopyOnWriteArrayList<>();
    volatile BiPredicate<String, NetSocket> script = (a, s) -> false;
    NetServer server;

    Future<Integer> start(io.vertx.core.Vertx vertx) {
      server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
      server.connectHandler(socket -> {
        socket.write("Asterisk Call Manager/11.0.0\r\n");
        socket.handler(ClientActions.handler(action -> {
          received.add(action);
          if (!script.test(action, socket)) {
            answer(socket, action, "Success", "ok");
          }
        }));
      });
      return server.listen().map(NetServer::actualPort);
    }

    static void answer(NetSocket socket, String action, String response, String message) {
      String id = header(action, "ActionID");
      socket.write("Response: " + response + "\r\n" + (id.isEmpty() ? "" : "ActionID: " + id + "\r\n")
        + "Message: " + message + "\r\n\r\n");
    }

    /** astman_get_header over the first 128 lines. */
    static String header(String action, String name) {
      String[] lines = action.split("\r\n");
      for (int i = 0; i < Math.min(lines.length, 128); i++) {
        String line = lines[i];
        int nul = line.indexOf('\0');
        if (nul >= 0) {
          line = line.substring(0, nul); // a C string
        }
        if (line.regionMatches(true, 0, name, 0, name.length()) && line.length() > name.length()
          && line.charAt(name.length()) == ':') {
          int v = name.length() + 1;
          while (v < line.length() && line.charAt(v) < 33) {
            v++; // ast_skip_blanks
          }
          return line.substring(v);
        }
      }
      return "";
    }

    /** util.c ast_true: no trimming. */
    static boolean astTrue(String s) {
      return List.of("yes", "true", "y", "t", "1", "on").stream().anyMatch(s::equalsIgnoreCase);
    }
  }

  /** A slow GetVar: answered only when the next action arrives, just before that action's own answer. */
  private static void answerGetVarLate(ScriptedPbx pbx) {
    String[] held = {null};
    pbx.script = (action, socket) -> {
      if (ScriptedPbx.header(action, "Action").equalsIgnoreCase("GetVar")) {
        held[0] = action;
        return true;
      }
      if (held[0] != null) {
        socket.write("Response: Success\r\nActionID: " + ScriptedPbx.header(held[0], "ActionID")
          + "\r\nVariable: SECRET\r\nValue: s3cr3t\r\n\r\n");
        held[0] = null;
      }
      return false;
    };
  }

  private ScriptedPbx scripted(JsonObject extra) {
    ScriptedPbx pbx = new ScriptedPbx();
    int port = await(pbx.start(vertx));
    deploy(baseAmiConfig(port).put("actionTimeoutMs", 1_000).put("keepAliveIntervalMs", 60_000).mergeIn(extra));
    status.awaitState("connected");
    return pbx;
  }

  // ---------------------------------------------------------------------------------------------
  // 1. Asterisk skips the blanks before a value (ast_skip_blanks), so it echoes " mine-1" as
  //    "mine-1". The caller's own ActionID must still be answered (README: "ActionID is generated
  //    unless you give one (in any letter case; an empty one counts as none)").
  // ---------------------------------------------------------------------------------------------
  @Test
  void anActionIdWithALeadingBlankIsAnswered() {
    PbxSimulator sim = await(PbxSimulator.forTests().start(vertx));
    deploy(baseAmiConfig(sim.amiPort()).put("actionTimeoutMs", 1_500).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
    Future<JsonObject> pong = service().send(new JsonObject().put("Action", "Ping").put("ActionID", " mine-1"));
    Throwable failure = pong.toCompletionStage().toCompletableFuture().handle((ok, err) -> err).join();
    assertThat(failure).as("Asterisk answered the Ping (ActionID: mine-1); the caller got: " + failure).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // 2. A caller's ActionID equal to the next generated one: the generated action replaced the
  //    caller's pending entry; the caller's answer went to another caller and the first never ended.
  // ---------------------------------------------------------------------------------------------
  @Test
  void aCallerActionIdEqualToTheNextGeneratedOneDoesNotCrossAnswers() {
    ScriptedPbx pbx = scripted(new JsonObject());
    answerGetVarLate(pbx);
    String seen = await(service().ping()).getString("ActionID"); // e.g. 1a2b3c4d-1-7
    int dash = seen.lastIndexOf('-');
    String next = seen.substring(0, dash + 1) + (Long.parseLong(seen.substring(dash + 1)) + 1);

    AmiService callerA = AmiService.createProxyWithOptions(vertx, addresses.service(), new DeliveryOptions().setSendTimeout(5_000));
    Future<JsonObject> a = callerA.send(new JsonObject().put("Action", "GetVar").put("Variable", "SECRET").put("ActionID", next));
    eventually(Duration.ofSeconds(5), "GetVar reaches the PBX", () -> pbx.received.stream().anyMatch(r -> r.contains("GetVar")));
    JsonObject b = await(service().ping()); // caller B, generated ActionID == next

    // each caller gets its own answer: the counter skips an id a caller has in flight
    assertThat(b.getString("Value")).as("caller B's ping() answer: " + b).isNull();
    assertThat(b.getString("ActionID")).isNotEqualTo(next);
    assertThat(await(a).getString("Value")).isEqualTo("s3cr3t");
  }

  // ---------------------------------------------------------------------------------------------
  // 3. A list answered after its caller's timeout: its items are still the action's answer, not
  //    news for the bus ("The events of an event list ... are not published").
  // ---------------------------------------------------------------------------------------------
  @Test
  void aListWhoseResponseComesAfterTheTimeoutStaysOffTheBus() {
    ScriptedPbx pbx = scripted(new JsonObject());
    Recorder events = Recorder.on(vertx, addresses.events());
    pbx.script = (action, socket) -> {
      if (!ScriptedPbx.header(action, "Action").equalsIgnoreCase("CoreShowChannels")) {
        return false;
      }
      String id = ScriptedPbx.header(action, "ActionID");
      vertx.setTimer(1_500, t -> socket.write("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
        + "Message: Channels will follow\r\n\r\n"
        + "Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: Local/100@test-00000001;1\r\nLinkedid: 1.1\r\n\r\n"
        + "Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: Local/100@test-00000001;2\r\nLinkedid: 1.1\r\n\r\n"
        + "Event: CoreShowChannelsComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: 2\r\n\r\n"
        + "Event: Reload\r\nPrivilege: system,all\r\nModule: manager\r\n\r\n")); // news, after the list
      return true;
    };
    Throwable timeout = awaitFailure(service().sendList(new JsonObject().put("Action", "CoreShowChannels")));
    assertThat(FailureCode.of(timeout)).isEqualTo(FailureCode.TIMEOUT);
    eventually(Duration.ofSeconds(10), "the event after the late list", () -> !events.messages.isEmpty());
    assertThat(events.messages).as("published on .events after the caller's timeout").hasSize(1)
      .allSatisfy(m -> assertThat(m.getString("Event")).isEqualTo("Reload"));
  }

  // ---------------------------------------------------------------------------------------------
  // 4. "Async": "true " is synchronous to Asterisk (ast_true compares without trimming). The
  //    verticle takes it as async: it waits for an OriginateResponse that never comes and its
  //    keepalive, unaware the session is blocked, kills the connection during the ring.
  //    The same request without the trailing blank (Async absent) is handled fine.
  // ---------------------------------------------------------------------------------------------
  @Test
  void anAsyncValueAsteriskReadsAsFalseIsTreatedAsSync() {
    ScriptedPbx pbx = scripted(new JsonObject().put("keepAliveIntervalMs", 500).put("keepAliveTimeoutMs", 500));
    boolean[] ringing = {false};
    List<String> queued = new CopyOnWriteArrayList<>();
    pbx.script = (action, socket) -> {
      if (ringing[0]) {
        queued.add(action); // Asterisk's session thread runs the sync Originate
        return true;
      }
      if (!ScriptedPbx.header(action, "Action").equalsIgnoreCase("Originate")) {
        return false;
      }
      if (ScriptedPbx.astTrue(ScriptedPbx.header(action, "Async"))) {
        ScriptedPbx.answer(socket, action, "Success", "Originate successfully queued");
        socket.write("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: " + ScriptedPbx.header(action, "ActionID")
          + "\r\nResponse: Success\r\nChannel: Local/100@test\r\nReason: 4\r\nUniqueid: 1.1\r\n\r\n");
        return true;
      }
      ringing[0] = true;
      vertx.setTimer(2_000, t -> {
        ringing[0] = false;
        ScriptedPbx.answer(socket, action, "Success", "Originate successfully queued");
        queued.forEach(q -> ScriptedPbx.answer(socket, q, "Success", "ok"));
        queued.clear();
      });
      return true;
    };
    JsonObject request = new JsonObject().put("Channel", "Local/100@test").put("Application", "Wait").put("Data", "1")
      .put("Timeout", 5_000);
    // control: Async absent -> sync, the verticle stretches its keepalive and gets the answer
    assertThat(await(service().originate(request.copy())).getString("Message")).isEqualTo("Originate successfully queued");
    // the same, "Async": "true " (sync to Asterisk)
    Future<JsonObject> answer = service().originate(request.copy().put("Async", "true "));
    Throwable failure = answer.toCompletionStage().toCompletableFuture().handle((ok, err) -> err).join();
    assertThat(failure).as("Asterisk ran it synchronously and answered after 2 s; the caller got " + failure
      + "; status: " + status.messages.get(status.messages.size() - 1)).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // 5. Async given as an array: Asterisk reads its first element ("true": async), the verticle
  //    reads the whole array as not true and treats the Originate as sync: a busy call is
  //    reported as success (README: originate() "fails with asterisk-error when that event says
  //    Response: Failure"). Simulator, capture-modelled: Local/500 is busy.
  // ---------------------------------------------------------------------------------------------
  @Test
  void anAsyncGivenAsAnArrayIsReadAsAsteriskReadsIt() {
    PbxSimulator sim = await(PbxSimulator.forTests().start(vertx));
    deploy(baseAmiConfig(sim.amiPort()).put("actionTimeoutMs", 1_500).put("keepAliveIntervalMs", 60_000));
    status.awaitState("connected");
    Future<JsonObject> call = service().originate(new JsonObject().put("Channel", "Local/500@test")
      .put("Application", "Wait").put("Data", "1").put("Async", new JsonArray().add("true")));
    Object outcome = call.toCompletionStage().toCompletableFuture().handle((ok, err) -> err != null ? err : ok).join();
    assertThat(outcome).as("a busy async Originate must fail (asterisk-error Reason 5) or be refused (bad-request); got " + outcome)
      .isInstanceOf(ReplyException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // 6. More than 128 header lines: Asterisk answers "Too many lines in message" with the ActionID
  //    found among the first 128 lines only; the verticle writes its generated ActionID last, so
  //    the answer is lost and the caller waits for a 504 "no answer".
  // ---------------------------------------------------------------------------------------------
  @Test
  void anActionOfMoreThan128LinesGetsAsterisksAnswer() {
    ScriptedPbx pbx = scripted(new JsonObject());
    pbx.script = (action, socket) -> {
      if (action.split("\r\n").length > 128) {
        ScriptedPbx.answer(socket, action, "Error", "Too many lines in message or allocation failure");
        return true;
      }
      return false;
    };
    JsonObject variables = new JsonObject();
    for (int i = 0; i < 130; i++) {
      variables.put("V" + i, "x");
    }
    Throwable failure = awaitFailure(service().originate(new JsonObject().put("Channel", "Local/100@test")
      .put("Application", "Wait").put("Data", "1").put("Timeout", 1_000).put("Variable", variables)));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isIn(FailureCode.BAD_REQUEST, FailureCode.ASTERISK_ERROR);
  }

  // ---------------------------------------------------------------------------------------------
  // 7. A NUL in a value reaches Asterisk, which reads a header as a C string (cut at the NUL): the
  //    value does not "arrive as given". Nothing malformed should be written (400 bad-request).
  // ---------------------------------------------------------------------------------------------
  @Test
  void aNulInAValueIsNotWrittenToAsterisk() {
    ScriptedPbx pbx = scripted(new JsonObject());
    Future<JsonObject> set = service().setVar(null, "GREETING", "hello\u0000world");
    set.toCompletionStage().toCompletableFuture().handle((ok, err) -> null).join();
    assertThat(pbx.received.stream().filter(a -> a.contains("Setvar")).toList())
      .as("actions written with a NUL byte").noneMatch(a -> a.indexOf('\0') >= 0);
  }

  // ---------------------------------------------------------------------------------------------
  // 9. Wrong JSON type inside the request object for originate: 400, not a 500 with a
  //    ClassCastException's text.
  // ---------------------------------------------------------------------------------------------
  @Test
  void anOriginateWithANumericActionIsABadRequest() {
    scripted(new JsonObject());
    Throwable failure = awaitFailure(service().originate(new JsonObject().put("Action", 5).put("Channel", "Local/100@test")));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.BAD_REQUEST);
  }

  // ---------------------------------------------------------------------------------------------
  // 10. A closed proxy's calls: "Failures are ReplyExceptions with a stable failureCode()".
  // ---------------------------------------------------------------------------------------------
  @Test
  void aClosedProxysFailureIsAReplyException() {
    scripted(new JsonObject());
    AmiService proxy = service();
    await(AmiService.closeProxy(proxy));
    Throwable failure = awaitFailure(proxy.ping());
    assertThat(failure).as(failure.toString()).isInstanceOf(ReplyException.class);
  }

  // ---------------------------------------------------------------------------------------------
  // 11. An answer larger than the parser's limits is dropped, but it was an answer: its caller hears
  //     why at once, not a 504 "no answer" after actionTimeoutMs.
  // ---------------------------------------------------------------------------------------------
  @Test
  void anAnswerTooLargeToKeepFailsItsCallerWithTheReason() {
    ScriptedPbx pbx = scripted(new JsonObject().put("actionTimeoutMs", 60_000)
      .put("limits", new JsonObject().put("maxHeaders", 100)));
    pbx.script = (action, socket) -> {
      if (!ScriptedPbx.header(action, "Action").equalsIgnoreCase("Command")) {
        return false;
      }
      StringBuilder sb = new StringBuilder("Response: Success\r\nActionID: " + ScriptedPbx.header(action, "ActionID")
        + "\r\nMessage: Command output follows\r\n");
      for (int i = 0; i < 150; i++) {
        sb.append("Output: /pbx/key").append(i).append(" : v\r\n");
      }
      socket.write(sb.append("\r\n").toString());
      return true;
    };
    Throwable failure = awaitFailure(service().command("database show"));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    assertThat(failure.getMessage()).contains("was dropped: more than 100 headers");
    assertThat(await(service().ping()).getString("Response")).isEqualTo("Success"); // the session goes on
  }

  // ---------------------------------------------------------------------------------------------
  // 12. The same when the message dropped is the response that opened a list: its items are still
  //     the action's answer, not news for the bus.
  // ---------------------------------------------------------------------------------------------
  @Test
  void itemsOfAListWhoseResponseWasDroppedStayOffTheBus() {
    ScriptedPbx pbx = scripted(new JsonObject().put("limits", new JsonObject().put("maxHeaders", 5)));
    Recorder events = Recorder.on(vertx, addresses.events());
    pbx.script = (action, socket) -> {
      if (!ScriptedPbx.header(action, "Action").equalsIgnoreCase("CoreShowChannels")) {
        return false;
      }
      String id = ScriptedPbx.header(action, "ActionID");
      socket.write("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n" // 6 headers: dropped
        + "Message: Channels will follow\r\nX-A: 1\r\nX-B: 2\r\n\r\n"
        + "Event: CoreShowChannel\r\nActionID: " + id + "\r\nChannel: Local/100@test-00000001;1\r\nLinkedid: 1.1\r\n\r\n"
        + "Event: CoreShowChannelsComplete\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: 1\r\n\r\n"
        + "Event: Reload\r\nPrivilege: system,all\r\nModule: manager\r\n\r\n");
      return true;
    };
    Throwable failure = awaitFailure(service().sendList(new JsonObject().put("Action", "CoreShowChannels")));
    assertThat(FailureCode.of(failure)).as(failure.toString()).isEqualTo(FailureCode.ASTERISK_ERROR);
    events.awaitMatch("the news after the list", m -> "Reload".equals(m.getString("Event")));
    assertThat(events.messages).extracting(m -> m.getString("Event")).containsExactly("Reload");
  }

  // ---------------------------------------------------------------------------------------------
  // 13. An id that timed out is still owed an answer: it is given to no other action, generated or
  //     chosen, or that action would get the late answer (a GetVar's value in a ping).
  // ---------------------------------------------------------------------------------------------
  @Test
  void anIdWhoseAnswerIsStillOwedIsGivenToNoOtherAction() {
    ScriptedPbx pbx = scripted(new JsonObject());
    answerGetVarLate(pbx);
    String seen = await(service().ping()).getString("ActionID");
    int dash = seen.lastIndexOf('-');
    String next = seen.substring(0, dash + 1) + (Long.parseLong(seen.substring(dash + 1)) + 1);
    Throwable timedOut = awaitFailure(service().send(new JsonObject().put("Action", "GetVar").put("Variable", "SECRET")
      .put("ActionID", next)));
    assertThat(FailureCode.of(timedOut)).isEqualTo(FailureCode.TIMEOUT);

    Throwable reused = awaitFailure(service().send(new JsonObject().put("Action", "Ping").put("ActionID", next)));
    assertThat(FailureCode.of(reused)).isEqualTo(FailureCode.BAD_REQUEST);
    JsonObject b = await(service().ping()); // another caller, generated ActionID: not next
    assertThat(b.getString("Value")).as("caller B's ping() answer: " + b).isNull();
    assertThat(b.getString("ActionID")).isNotEqualTo(next);
  }
}
