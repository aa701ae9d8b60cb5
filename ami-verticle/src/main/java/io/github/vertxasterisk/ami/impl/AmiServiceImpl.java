package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ami.codec.AmiEncoder;
import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link AmiService} on top of the session's connection: checks each request before anything is
 * written (a bad request costs Asterisk nothing), then maps Asterisk's answer to a reply or to a
 * {@link FailureCode} failure.
 */
public final class AmiServiceImpl implements AmiService {
  /**
   * The verticle owns the session's login and what it receives: an app logging off, or changing the
   * session's event mask or filters, would cut or thin every node's events (config: events, filters).
   */
  private static final Set<String> MANAGED_ACTIONS = Set.of("login", "logoff", "challenge", "events", "filter");

  private final AmiSession session;
  private final AmiConfig config;

  AmiServiceImpl(AmiSession session, AmiConfig config) {
    this.session = session;
    this.config = config;
  }

  @Override
  public Future<JsonObject> send(JsonObject action) {
    if (action != null && AmiConnection.blocksTheSession(action)) {
      // a synchronous Originate sent as a plain action: Asterisk answers it when the call does
      return originateAnswerWithinMs(action).compose(ms -> run(action, PendingActions.Kind.SINGLE, ms))
        .map(result -> result.response().toJson());
    }
    return run(action, PendingActions.Kind.SINGLE, config.actionTimeoutMs).map(result -> result.response().toJson());
  }

  @Override
  public Future<JsonObject> sendList(JsonObject action) {
    return run(action, PendingActions.Kind.LIST, config.actionTimeoutMs).map(AmiServiceImpl::listJson);
  }

  @Override
  public Future<List<String>> command(String command) {
    if (command == null || command.isBlank()) {
      return badRequest("command needs the CLI command text, e.g. \"core show version\"");
    }
    JsonObject action = new JsonObject().put("Action", "Command").put("Command", command);
    return session.connection()
      .compose(conn -> conn.action(action, PendingActions.Kind.SINGLE, config.actionTimeoutMs))
      .compose(result -> {
        List<String> lines = result.response().getAll(AmiMessage.OUTPUT);
        if (result.isError()) {
          String detail = lines.isEmpty() ? result.response().get("Message") : String.join("\n", lines);
          return Future.failedFuture(FailureCode.ASTERISK_ERROR.exception("Command '" + command + "' failed: " + detail));
        }
        return Future.succeededFuture(lines);
      });
  }

  @Override
  public Future<JsonObject> originate(JsonObject request) {
    if (request != null && !"Originate".equalsIgnoreCase(request.getString("Action", "Originate"))) {
      return badRequest("originate takes an Originate action, got Action '" + request.getValue("Action") + "'");
    }
    if (request == null) {
      return send(null); // the usual bad-request
    }
    JsonObject action = request.copy().put("Action", "Originate");
    // Asterisk reads headers in any letter case: "async" and "timeout" count as Async and Timeout.
    if (!AsteriskValues.isTrue(AmiEncoder.header(action, "Async"))) {
      return send(action); // answered with the call: send() waits as long
    }
    if (!config.receivesCallEvents()) {
      return badRequest("an async Originate is answered by an OriginateResponse event, but this connection logs in with Events: '"
        + config.events + "' (it needs 'on' or a mask with 'call'); send it with Async false instead");
    }
    return originateAnswerWithinMs(action).compose(ms -> run(action, PendingActions.Kind.ORIGINATE, ms)).compose(result -> {
      AmiMessage event = result.events().get(0);
      if (!"Success".equalsIgnoreCase(event.get(AmiMessage.RESPONSE))) {
        return Future.failedFuture(FailureCode.ASTERISK_ERROR.exception("Originate of " + event.get("Channel")
          + " failed: Reason " + event.get("Reason") + " (" + OriginateReason.describe(event.get("Reason")) + ")"));
      }
      return Future.succeededFuture(event.toJson());
    });
  }

  /**
   * How long an Originate may take to be answered: Asterisk answers it (or, when async, sends its
   * OriginateResponse) once the call is answered or has failed, up to its Timeout (an int, 30 s when
   * absent), and a synchronous one holds every other answer of the session meanwhile.
   */
  private Future<Long> originateAnswerWithinMs(JsonObject action) {
    Object timeout = AmiEncoder.header(action, "Timeout");
    try {
      long callTimeout = Integer.parseInt(String.valueOf(timeout == null ? 30_000 : timeout));
      return Future.succeededFuture(config.actionTimeoutMs + Math.max(0, callTimeout));
    } catch (NumberFormatException e) {
      return badRequest("Originate 'Timeout' must be milliseconds (a whole number up to " + Integer.MAX_VALUE + "), got '" + timeout + "'");
    }
  }

  @Override
  public Future<JsonObject> info() {
    return Future.succeededFuture(session.info());
  }

  @Override
  public Future<JsonObject> ping() {
    return send(new JsonObject().put("Action", "Ping"));
  }

  @Override
  public Future<JsonObject> hangup(String channel) {
    if (channel == null || channel.isBlank()) {
      return badRequest("hangup needs a channel name");
    }
    return send(new JsonObject().put("Action", "Hangup").put("Channel", channel));
  }

  @Override
  public Future<JsonObject> redirect(String channel, String context, String exten, int priority) {
    if (channel == null || context == null || exten == null) {
      return badRequest("redirect needs channel, context and exten");
    }
    return send(new JsonObject().put("Action", "Redirect").put("Channel", channel)
      .put("Context", context).put("Exten", exten).put("Priority", priority));
  }

  @Override
  public Future<String> getVar(String channel, String variable) {
    if (variable == null || variable.isBlank()) {
      return badRequest("getVar needs a variable name");
    }
    return send(new JsonObject().put("Action", "GetVar").put("Channel", channel).put("Variable", variable))
      .map(response -> {
        // Asterisk answers an unset variable with an empty Value (capture 08): not distinguishable from "".
        String value = response.getString("Value");
        return value == null || value.isEmpty() ? null : value;
      });
  }

  @Override
  public Future<JsonObject> setVar(String channel, String variable, String value) {
    if (variable == null || variable.isBlank() || value == null) {
      return badRequest("setVar needs a variable name and a value");
    }
    return send(new JsonObject().put("Action", "Setvar").put("Channel", channel).put("Variable", variable)
      .put("Value", value));
  }

  @Override
  public Future<List<JsonObject>> coreShowChannels() {
    return sendList(new JsonObject().put("Action", "CoreShowChannels"))
      .map(list -> list.getJsonArray("events").stream().map(JsonObject.class::cast).collect(Collectors.toList()));
  }

  private Future<ActionResult> run(JsonObject action, PendingActions.Kind kind, long timeoutMs) {
    String problem = check(action);
    if (problem != null) {
      return Future.failedFuture(FailureCode.BAD_REQUEST.exception(problem));
    }
    String name = action.getString("Action");
    // Asterisk skips the blanks before a value (ast_skip_blanks): " Logoff" is a Logoff to it.
    if (MANAGED_ACTIONS.contains(name.trim().toLowerCase(Locale.ROOT))) {
      return Future.failedFuture(FailureCode.FORBIDDEN.exception(
        "'" + name + "' is managed by the AMI verticle itself and cannot be sent through the service"));
    }
    return session.connection()
      .compose(conn -> conn.action(action, kind, timeoutMs))
      .compose(result -> result.isError()
        ? Future.failedFuture(FailureCode.ASTERISK_ERROR.exception(name + " failed: " + result.response().get("Message")))
        : Future.succeededFuture(result));
  }

  /** @return what is wrong with the action, or null when it can be sent */
  private static String check(JsonObject action) {
    if (action == null) {
      return "the action is missing: send a JSON object such as {\"Action\":\"Ping\"}";
    }
    Object name = action.getValue("Action");
    if (!(name instanceof String) || ((String) name).isBlank()) {
      return "'Action' is required and must be a non-empty string, e.g. {\"Action\":\"Ping\"}";
    }
    Set<String> seen = new HashSet<>();
    for (String key : action.fieldNames()) {
      if (!seen.add(key.toLowerCase(Locale.ROOT))) {
        // Asterisk would act on the first spelling: say {"action":"Logoff","Action":"Ping"} is a Logoff.
        return "header '" + key + "' is given twice (AMI header names ignore case); send it once, as an array to repeat it";
      }
      Object value = action.getValue(key);
      if (AmiMessage.ACTION_ID.equalsIgnoreCase(key) && (value instanceof JsonArray || value instanceof JsonObject)) {
        return "'" + key + "' must be a single value";
      }
    }
    try {
      AmiEncoder.encode(action);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static JsonObject listJson(ActionResult result) {
    return new JsonObject()
      .put("response", result.response().toJson())
      .put("events", new JsonArray(result.events().stream().map(AmiMessage::toJson).collect(Collectors.toList())))
      .put("complete", result.complete() == null ? null : result.complete().toJson());
  }

  private static <T> Future<T> badRequest(String detail) {
    return Future.failedFuture(FailureCode.BAD_REQUEST.exception(detail));
  }
}
