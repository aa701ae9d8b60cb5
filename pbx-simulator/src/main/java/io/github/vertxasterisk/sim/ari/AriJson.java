package io.github.vertxasterisk.sim.ari;

import io.github.vertxasterisk.sim.pbx.Channel;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The resource objects of ARI exactly as Asterisk 22 shapes them (key order included). */
final class AriJson {

  static final String ASTERISK_ID = "02:fc:00:00:00:01";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

  private AriJson() {
  }

  /** {@code 2026-11-23T06:56:31.612+0000}. */
  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  static String now() {
    return time(System.currentTimeMillis());
  }

  static JsonObject channel(Channel c) {
    return channel(c, c.application(), c.appData());
  }

  /** A snapshot with the given dialplan application (Asterisk reports AppDial2 again at destruction). */
  static JsonObject channel(Channel c, String app, String appData) {
    return new JsonObject()
        .put("id", c.uniqueid())
        .put("name", c.name())
        .put("state", c.stateDesc())
        .put("protocol_id", "")
        .put("caller", party(c.callerIdName(), c.callerIdNum()))
        .put("connected", party(c.connectedName(), c.connectedNum()))
        .put("accountcode", "")
        .put("dialplan", new JsonObject()
            .put("context", c.context())
            .put("exten", c.exten())
            .put("priority", c.priority())
            .put("app_name", app)
            .put("app_data", appData))
        .put("creationtime", time(c.createdAtMillis()))
        .put("language", "en");
  }

  private static JsonObject party(String name, String number) {
    return new JsonObject().put("name", known(name)).put("number", known(number));
  }

  /** AMI prints {@code <unknown>} where ARI prints an empty string. */
  private static String known(String v) {
    return v == null || Channel.UNKNOWN.equals(v) ? "" : v;
  }

  static JsonObject error(String message) {
    return new JsonObject().put("message", message);
  }
}
