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

/**
 * Prints each PBX's AMI status and events, and its ARI status and events, to the terminal, one line
 * each, so a newcomer running the demo node sees traffic at once. Subscribes like any application
 * would: by address (a PBX without ARI simply never publishes there).
 */
public class ConsoleTail extends VerticleBase {
  private final PrintStream out;

  public ConsoleTail() {
    this(System.out);
  }

  ConsoleTail(PrintStream out) {
    this.out = out;
  }

  @Override
  public Future<?> start() {
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

  private void printStatus(String protocol, JsonObject status) {
    out.println("[" + status.getString("pbx") + "] " + protocol + " " + status.getString("state")
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
    out.println(line);
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
    out.println(line);
  }
}
