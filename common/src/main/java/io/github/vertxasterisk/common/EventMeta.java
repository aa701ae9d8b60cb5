package io.github.vertxasterisk.common;

import io.vertx.core.json.JsonObject;

/**
 * The metadata every published event carries in its reserved {@value #FIELD} field.
 *
 * <p>{@code seq} counts the events of one connection (1, 2, 3...). {@code epoch} changes at every
 * (re)connection: a new epoch means events may have been missed in between, so an application
 * resynchronises (CoreShowChannels, {@code channels.list}).
 */
public final class EventMeta {
  /** The reserved field name; Asterisk header and ARI field names never start with an underscore. */
  public static final String FIELD = "_meta";

  private EventMeta() {
  }

  public static JsonObject of(String pbx, String node, long epoch, long seq, long receivedAtMs) {
    return new JsonObject()
      .put("pbx", pbx)
      .put("node", node)
      .put("epoch", epoch)
      .put("seq", seq)
      .put("receivedAt", receivedAtMs);
  }
}
