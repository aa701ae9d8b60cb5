package io.github.vertxasterisk.clustertest;

import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** What an observer node received, in arrival order, with the arrival time. */
public final class EventLog {
  /** One received message: when, from which node and epoch, its sequence number and body. */
  public record Entry(long arrivedNanos, String node, long epoch, long seq, JsonObject body) {
  }

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  void add(JsonObject body) {
    JsonObject meta = body.getJsonObject(EventMeta.FIELD, new JsonObject());
    entries.add(new Entry(System.nanoTime(), meta.getString("node", body.getString("node")),
      meta.getLong("epoch", body.getLong("epoch", 0L)), meta.getLong("seq", 0L), body));
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public Optional<Entry> first(Predicate<Entry> predicate) {
    return entries.stream().filter(predicate).findFirst();
  }

  public int size() {
    return entries.size();
  }
}
