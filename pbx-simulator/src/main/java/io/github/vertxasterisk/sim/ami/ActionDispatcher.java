package io.github.vertxasterisk.sim.ami;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Routes actions to handlers with Asterisk's checks first: missing Action header, then
 * "Permission denied" before login (only Login, Challenge and Logoff are allowed), then unknown action.
 */
final class ActionDispatcher {

  private static final Set<String> ALLOWED_BEFORE_LOGIN = Set.of("login", "challenge", "logoff");

  private final Map<String, ActionHandler> handlers = new HashMap<>();

  ActionDispatcher register(String action, ActionHandler handler) {
    handlers.put(action.toLowerCase(Locale.ROOT), handler);
    return this;
  }

  /** Lower-case names of the actions answered. */
  Set<String> actions() {
    return Set.copyOf(handlers.keySet());
  }

  void dispatch(AmiSession session, AmiMessage action) {
    String name = action.value("Action").trim();
    String id = action.value("ActionID");
    if (name.isEmpty()) {
      session.send(AmiMessage.response("Error", id).add("Message", "Missing action in request"));
      return;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (!session.isAuthenticated() && !ALLOWED_BEFORE_LOGIN.contains(key)) {
      session.send(AmiMessage.response("Error", id).add("Message", "Permission denied"));
      return;
    }
    ActionHandler h = handlers.get(key);
    if (h == null) {
      session.send(AmiMessage.response("Error", id).add("Message",
          "Invalid/unknown command: " + name + ". Use Action: ListCommands to show available commands."));
      return;
    }
    h.handle(session, action);
  }

  /** Shorthand used by handlers: an error response. */
  static void error(AmiSession s, AmiMessage action, String message) {
    s.send(AmiMessage.response("Error", action.value("ActionID")).add("Message", message));
  }

  /** Shorthand used by handlers: a success response with a Message. */
  static void success(AmiSession s, AmiMessage action, String message) {
    s.send(AmiMessage.response("Success", action.value("ActionID")).add("Message", message));
  }
}
