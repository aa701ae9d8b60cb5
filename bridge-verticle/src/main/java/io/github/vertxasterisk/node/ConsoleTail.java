package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.common.EventMeta;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints each PBX's AMI status and events to the terminal, one line each, so a newcomer running the
 * demo node sees traffic at once. Subscribes like any application would: by address.
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
      ready.add(vertx.eventBus().<JsonObject>consumer(ami.status(), m -> printStatus(m.body())).completion());
      ready.add(vertx.eventBus().<JsonObject>consumer(ami.events(), m -> printEvent(m.body())).completion());
    }
    return Future.all(ready);
  }

  private void printStatus(JsonObject status) {
    out.println("[" + status.getString("pbx") + "] AMI " + status.getString("state")
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
}
