package io.github.vertxasterisk.sim.ami;

import io.vertx.core.json.JsonObject;

/**
 * Settings of the simulated AMI server (the {@code "ami"} object of the simulator config).
 * Mutable on purpose: tests change delays and credentials between scenarios.
 */
public final class AmiConfig {

  private volatile String host = "127.0.0.1";
  private volatile int port = 5038;
  private volatile String username = "admin";
  private volatile String secret = "amp111";
  private volatile long loginFailureDelayMs = 1000;
  private volatile CommandFormat commandFormat = CommandFormat.OUTPUT;
  private volatile long callDurationMs = 2000;
  private volatile int maxActionBytes = 64 * 1024;

  public static AmiConfig fromJson(JsonObject json) {
    AmiConfig c = new AmiConfig();
    if (json == null) {
      return c;
    }
    c.host = json.getString("host", c.host);
    c.port = json.getInteger("port", c.port);
    c.username = json.getString("username", c.username);
    c.secret = json.getString("secret", c.secret);
    c.loginFailureDelayMs = json.getLong("loginFailureDelayMs", c.loginFailureDelayMs);
    c.commandFormat = CommandFormat.parse(json.getString("commandFormat", "output"));
    c.callDurationMs = json.getLong("callDurationMs", c.callDurationMs);
    c.maxActionBytes = json.getInteger("maxActionBytes", c.maxActionBytes);
    return c;
  }

  public String host() { return host; }
  public int port() { return port; }
  public String username() { return username; }
  public String secret() { return secret; }
  public long loginFailureDelayMs() { return loginFailureDelayMs; }
  public CommandFormat commandFormat() { return commandFormat; }
  public long callDurationMs() { return callDurationMs; }
  public int maxActionBytes() { return maxActionBytes; }

  public AmiConfig host(String v) { host = v; return this; }
  public AmiConfig port(int v) { port = v; return this; }
  public AmiConfig username(String v) { username = v; return this; }
  public AmiConfig secret(String v) { secret = v; return this; }
  public AmiConfig loginFailureDelayMs(long v) { loginFailureDelayMs = v; return this; }
  public AmiConfig commandFormat(CommandFormat v) { commandFormat = v; return this; }
  public AmiConfig callDurationMs(long v) { callDurationMs = v; return this; }
  public AmiConfig maxActionBytes(int v) { maxActionBytes = v; return this; }
}
