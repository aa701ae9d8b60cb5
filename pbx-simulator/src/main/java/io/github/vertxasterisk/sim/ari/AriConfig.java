package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the simulated ARI server.
 *
 * <pre>{@code
 * {"host":"127.0.0.1","port":8088,"username":"asterisk","password":"asterisk","apps":[],
 *  "mediaDurationMs":1000,"recordingDurationMs":2000}
 * }</pre>
 * {@code apps}: applications registered from the start (listed even with no WebSocket);
 * {@code mediaDurationMs}: how long each sound of a playback lasts; {@code recordingDurationMs}:
 * how long a recording runs before RecordingFinished (its maxDurationSeconds is not waited for).
 */
public final class AriConfig {

  private String host = "127.0.0.1";
  private int port = 8088;
  private volatile String username = "asterisk";
  private volatile String password = "asterisk";
  private final List<String> apps = new ArrayList<>();
  private volatile long mediaDurationMs = 1000;
  private volatile long recordingDurationMs = 2000;

  public static AriConfig fromJson(JsonObject json) {
    AriConfig c = new AriConfig();
    if (json == null) {
      return c;
    }
    c.host = json.getString("host", c.host);
    c.port = json.getInteger("port", c.port);
    c.username = json.getString("username", c.username);
    c.password = json.getString("password", c.password);
    JsonArray apps = json.getJsonArray("apps", new JsonArray());
    apps.forEach(a -> c.apps.add(String.valueOf(a)));
    c.mediaDurationMs = json.getLong("mediaDurationMs", c.mediaDurationMs);
    c.recordingDurationMs = json.getLong("recordingDurationMs", c.recordingDurationMs);
    return c;
  }

  public String host() { return host; }
  public int port() { return port; }
  public String username() { return username; }
  public String password() { return password; }
  public List<String> apps() { return List.copyOf(apps); }
  public long mediaDurationMs() { return mediaDurationMs; }
  public long recordingDurationMs() { return recordingDurationMs; }

  public AriConfig credentials(String user, String pass) {
    username = user;
    password = pass;
    return this;
  }

  public AriConfig mediaDurationMs(long ms) { mediaDurationMs = ms; return this; }
  public AriConfig recordingDurationMs(long ms) { recordingDurationMs = ms; return this; }
}
