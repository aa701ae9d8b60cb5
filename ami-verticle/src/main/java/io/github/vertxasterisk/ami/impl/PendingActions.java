package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The actions of one connection waiting for their answer, keyed by ActionID. Asterisk echoes the
 * ActionID on the response and on every event that belongs to the action, so correlation is by id
 * only: a message without an ActionID, or with one nobody waits for, is never matched. Every entry
 * ends exactly once: with its answer, its timeout, or {@link #failAll} when the connection drops.
 * Confined to the connection's event loop.
 */
final class PendingActions {

  /** How an action's answer ends. */
  enum Kind {
    /**
     * The response alone; when it opens an event list, the answer still ends with the list (its
     * events are this caller's, never news for the bus), but the caller gets the response only.
     */
    SINGLE,
    /** The response, then item events, then an event with {@code EventList: Complete}. */
    LIST,
    /** The response, then (when it succeeded) the {@code OriginateResponse} event. */
    ORIGINATE
  }

  private static final class Pending {
    final String actionName;
    final Kind kind;
    final Promise<ActionResult> promise = Promise.promise();
    final List<AmiMessage> events = new ArrayList<>();
    AmiMessage response;
    /** The response said an event list follows. */
    boolean listOpen;
    long timerId;

    Pending(String actionName, Kind kind) {
      this.actionName = actionName;
      this.kind = kind;
    }
  }

  private static final int REMEMBERED = 1000;

  private final Vertx vertx;
  private final Map<String, Pending> byId = new HashMap<>();
  /** Lists whose caller timed out after they started: their remaining events are still nobody's news. */
  private final Set<String> abandonedLists = boundedSet();
  /** Actions that timed out before any response: a late one may still open a list (nobody's news either). */
  private final Set<String> timedOutUnanswered = boundedSet();
  private long unmatched;

  PendingActions(Vertx vertx) {
    this.vertx = vertx;
  }

  int size() {
    return byId.size();
  }

  /**
   * Whether Asterisk may still answer under this id: an action waits for it, or timed out before any
   * answer (a late one can still come). Such an id is given to no other action: its answer would go there.
   */
  boolean owed(String actionId) {
    return byId.containsKey(actionId) || timedOutUnanswered.contains(actionId);
  }

  /** Responses and events that named no waiting action (or none at all): counted, never matched. */
  long unmatched() {
    return unmatched;
  }

  Future<ActionResult> add(String actionId, String actionName, Kind kind, long timeoutMs) {
    Pending pending = new Pending(actionName, kind);
    abandonedLists.remove(actionId);
    timedOutUnanswered.remove(actionId);
    pending.timerId = vertx.setTimer(timeoutMs, id -> {
      if (byId.remove(actionId, pending)) {
        if (pending.listOpen) {
          abandonedLists.add(actionId);
        } else if (pending.response == null) {
          timedOutUnanswered.add(actionId);
        }
        pending.promise.fail(FailureCode.TIMEOUT.exception(
          "no answer to " + actionName + " (ActionID " + actionId + ") within " + timeoutMs + " ms"));
      }
    });
    byId.put(actionId, pending);
    return pending.promise.future();
  }

  void onResponse(AmiMessage response) {
    String id = response.actionId();
    Pending pending = id == null ? null : byId.get(id);
    if (pending == null || pending.response != null) {
      if (pending == null && id != null && timedOutUnanswered.remove(id) && opensList(response)) {
        abandonedLists.add(id);
      }
      unmatched++;
      return;
    }
    pending.response = response;
    boolean error = "Error".equalsIgnoreCase(response.get(AmiMessage.RESPONSE));
    pending.listOpen = pending.kind != Kind.ORIGINATE && opensList(response);
    if (error || pending.kind != Kind.ORIGINATE && !pending.listOpen) {
      complete(id, pending, null);
    }
  }

  /**
   * @return true when the event is an item (or the end) of a list a caller waits for: it is that
   *     caller's answer, not news for the bus. An OriginateResponse answers its caller and is news too.
   */
  boolean onEvent(AmiMessage event) {
    String id = event.actionId();
    Pending pending = id == null ? null : byId.get(id);
    if (pending == null && id != null && abandonedLists.contains(id)) {
      if (isListEnd(event)) {
        abandonedLists.remove(id);
      }
      return true;
    }
    if (pending == null || pending.kind == Kind.SINGLE && !pending.listOpen) {
      return false;
    }
    if (pending.kind != Kind.ORIGINATE) {
      if (isListEnd(event)) {
        complete(id, pending, event);
      } else {
        pending.events.add(event);
      }
      return true;
    }
    if ("OriginateResponse".equalsIgnoreCase(event.eventName())) {
      pending.events.add(event);
      complete(id, pending, null);
    }
    return false;
  }

  /** Ends this action, if it waits, with a failure: its answer came but cannot be used. */
  void fail(String actionId, Throwable failure) {
    Pending pending = byId.remove(actionId);
    if (pending == null) {
      if (timedOutUnanswered.remove(actionId)) {
        abandonedLists.add(actionId); // a late answer, dropped: a list may still follow, nobody's news
      }
      return;
    }
    vertx.cancelTimer(pending.timerId);
    // The rest of its list is still nobody's news, even when the response that opened it was the
    // message dropped. (An OriginateResponse is news as well as an answer: not held back.)
    if (pending.listOpen || pending.response == null && pending.kind != Kind.ORIGINATE) {
      abandonedLists.add(actionId);
    }
    pending.promise.fail(failure);
  }

  /** Ends every waiting action: the connection is gone, so their outcome is unknown. */
  void failAll(String reason) {
    List<Map.Entry<String, Pending>> all = new ArrayList<>(byId.entrySet());
    byId.clear();
    abandonedLists.clear();
    timedOutUnanswered.clear();
    for (Map.Entry<String, Pending> e : all) {
      vertx.cancelTimer(e.getValue().timerId);
      e.getValue().promise.fail(FailureCode.DISCONNECTED.exception(
        e.getValue().actionName + " (ActionID " + e.getKey() + ") was in flight when the connection closed: " + reason));
    }
  }

  private void complete(String id, Pending pending, AmiMessage complete) {
    byId.remove(id);
    vertx.cancelTimer(pending.timerId);
    if (pending.response == null) {
      // An OriginateResponse or list end before the response: Asterisk never does this, but a
      // proxy might; the events are the answer then.
      pending.response = AmiMessage.of(AmiMessage.RESPONSE, "Success", AmiMessage.ACTION_ID, id);
    }
    pending.promise.complete(new ActionResult(pending.response, List.copyOf(pending.events), complete));
  }

  /** A successful response that says an event list follows. */
  private static boolean opensList(AmiMessage response) {
    return !"Error".equalsIgnoreCase(response.get(AmiMessage.RESPONSE)) && listFollows(response);
  }

  /**
   * Asterisk marks a list with {@code EventList: start}; older versions only say "... will follow".
   * Not "Command output follows": that output is in the response itself (captures 05, 06).
   */
  private static boolean listFollows(AmiMessage response) {
    String eventList = response.get("EventList");
    if (eventList != null) {
      return eventList.equalsIgnoreCase("start");
    }
    String message = response.get("Message");
    return message != null && message.toLowerCase(Locale.ROOT).contains("will follow");
  }

  /** The newest {@value #REMEMBERED} ids: a peer that never ends its lists cannot make these grow. */
  private static Set<String> boundedSet() {
    return Collections.newSetFromMap(new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > REMEMBERED;
      }
    });
  }

  private static boolean isListEnd(AmiMessage event) {
    String eventList = event.get("EventList");
    if (eventList != null) {
      return eventList.equalsIgnoreCase("Complete");
    }
    String name = event.eventName();
    return name != null && name.endsWith("Complete");
  }
}
