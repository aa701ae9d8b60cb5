package io.github.vertxasterisk.sim.pbx;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The AstDB: "/family/key" -> value, sorted like Asterisk's {@code ORDER BY key} (binary order,
 * "/StasisDeviceState" before "/demo"). Written by DBPut/DBDel, read by DBGet/DBGetTree and
 * {@code database show}.
 */
public final class AstDb {

  /**
   * Asterisk stores its /pbx/UUID at first start and keeps it; this is the recorded server's
   * (capture 06, {@code database show}).
   */
  public static final String PBX_UUID = "08665b6d-c6e4-4a54-8cb0-f1f55d709bf6";

  private final SortedMap<String, String> entries = new TreeMap<>();

  public AstDb() {
    entries.put("/pbx/UUID", PBX_UUID);
  }

  public void put(String path, String value) {
    entries.put(path, value);
  }

  /** The value, or null when there is no such entry. */
  public String get(String path) {
    return entries.get(path);
  }

  /** The removed value, or null when there was no such entry. */
  public String remove(String path) {
    return entries.remove(path);
  }

  /** Every entry, in key order. */
  public Map<String, String> entries() {
    return Collections.unmodifiableSortedMap(entries);
  }
}
