package io.github.vertxasterisk.common;

import io.vertx.core.json.JsonObject;

/**
 * The metadata every published event carries in its reserved {@value #FIELD} field.
 *
 * <p>{@code seq} counts the events of one connection (1, 2, 3...). {@code epoch} changes at every
 * (re)connection: a new epoch means events may have been missed in between, so an application
 * resynchronises (CoreShowChannels, {@code channels.list}).
 *
 * <p>Asterisk's own header and ARI field names never start with an underscore, but a PBX can send
 * any header name (a {@code UserEvent} copies every header of its action, so {@code _meta: x} is
 * possible). The suite's object always wins the field; the PBX's value is kept inside it as
 * {@value #PBX_HEADER} (an array if the header repeated). Add the field with {@link #attach} only.
 */
public final class EventMeta {
  /** The reserved field name. */
  public static final String FIELD = "_meta";
  /** Where a header the PBX itself named {@value #FIELD} is kept, inside the suite's object. */
  public static final String PBX_HEADER = "pbxHeader";

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

  /**
   * Puts {@code meta} (a fresh object from {@link #of}) into {@code event} as {@value #FIELD}; a value the
   * PBX sent under that name moves into {@code meta} as {@value #PBX_HEADER}. One map operation, as a
   * plain put.
   *
   * @return {@code event}
   */
  public static JsonObject attach(JsonObject event, JsonObject meta) {
    Object fromPbx = event.getMap().put(FIELD, meta);
    if (fromPbx != null) {
      meta.put(PBX_HEADER, fromPbx);
    }
    return event;
  }
}
