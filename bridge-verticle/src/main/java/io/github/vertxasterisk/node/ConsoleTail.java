package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Prints each PBX's AMI status and events, and its ARI status and events, to the terminal, one line
 * each, so a newcomer running the demo node sees traffic at once. Subscribes like any application
 * would: by address (a PBX without ARI simply never publishes there).
 */
public class ConsoleTail extends VerticleBase {
  /** Lines waiting for a stdout that is not read (a paused terminal, a slow pipe); more are dropped. */
  private static final int MAX_WAITING_LINES = 10_000;
  private final PrintStream out;
  /**
   * Writes to stdout off the event loop: a write to a stdout nobody reads blocks, and the event loop is
   * shared with the node's other verticles (the AMI holder's, whose lease would run out meanwhile).
   */
  private ThreadPoolExecutor printer;

  public ConsoleTail() {
    this(System.out);
  }

  ConsoleTail(PrintStream out) {
    this.out = out;
  }

  @Override
  public Future<?> start() {
    printer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING_LINES), r -> {
      Thread thread = new Thread(r, "vertx-asterisk-console");
      thread.setDaemon(true);
      return thread;
    }, new ThreadPoolExecutor.DiscardPolicy());
    String prefix = config().getString("prefix", AmiAddresses.DEFAULT_PREFIX);
    List<Future<Void>> ready = new ArrayList<>();
    for (Object pbx : config().getJsonArray("pbxs")) {
      AmiAddresses ami = AmiAddresses.of(prefix, (String) pbx);
      AriAddresses ari = AriAddresses.of(prefix, (String) pbx);
      ready.add(vertx.eventBus().<JsonObject>consumer(ami.status(), m -> printStatus("AMI", m.body())).completion());
      ready.add(vertx.eventBus().<JsonObject>consumer(ami.events(), m -> printEvent(m.body())).completion());
      ready.add(vertx.eventBus().<JsonObject>consumer(ari.status(), m -> printStatus("ARI", m.body())).completion());
      ready.add(vertx.eventBus().<JsonObject>consumer(ari.events(), m -> printAriEvent(m.body())).completion());
    }
    return Future.all(ready);
  }

  @Override
  public Future<?> stop() {
    printer.shutdown(); // what waits is still printed, on the printer's own thread
    return Future.succeededFuture();
  }

  private void print(Object line) {
    String text = String.valueOf(line);
    printer.execute(() -> out.println(text));
  }

  private void printStatus(String protocol, JsonObject status) {
    print("[" + status.getString("pbx") + "] " + protocol + " " + status.getString("state")
      + (status.containsKey("reason") ? " (" + status.getString("reason") + ")" : "")
      + (status.containsKey("asteriskVersion") ? " Asterisk " + status.getString("asteriskVersion") : ""));
  }

  private void printEvent(JsonObject event) {
    JsonObject meta = event.getJsonObject(EventMeta.FIELD, new JsonObject());
    StringBuilder line = new StringBuilder()
      .append('[').append(meta.getString("pbx")).append("] #").append(meta.getLong("seq"))
      .append(' ').append(event.getString("Event"));
    for (String key : new String[] {"Channel", "ChannelStateDesc", "Exten", "Cause-txt", "Linkedid"}) {
      if (event.containsKey(key)) {
        line.append(' ').append(key).append('=').append(event.getValue(key));
      }
    }
    print(line);
  }

  /** {@code [pbx1] ARI #4 StasisStart app=demo-app channel=Local/...}. */
  private void printAriEvent(JsonObject event) {
    JsonObject meta = event.getJsonObject(EventMeta.FIELD, new JsonObject());
    StringBuilder line = new StringBuilder()
      .append('[').append(meta.getString("pbx")).append("] ARI #").append(meta.getLong("seq"))
      .append(' ').append(event.getString("type"));
    if (event.containsKey("application")) {
      line.append(" app=").append(event.getValue("application"));
    }
    if (event.getValue("channel") instanceof JsonObject channel) {
      line.append(" channel=").append(channel.getString("name"));
    }
    print(line);
  }
}
