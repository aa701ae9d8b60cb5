package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.pbx.AstDb;

import java.util.Map;
import java.util.TreeMap;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;
import static io.github.vertxasterisk.sim.ami.ActionDispatcher.success;

/**
 * AstDB actions DBPut, DBGet, DBGetTree, DBDel as captures 07, 08 and 11 show them. Found entries come
 * as an event list whose items carry ActionID as their LAST header and no Privilege (capture 08).
 * The missing Family/Key texts are Asterisk's main/db.c ones (not in a capture).
 */
final class DatabaseActions {

  private final AstDb db;

  DatabaseActions(AstDb db) {
    this.db = db;
  }

  void register(ActionDispatcher d) {
    d.register("DBPut", this::put).register("DBGet", this::get)
        .register("DBGetTree", this::getTree).register("DBDel", this::del);
  }

  private void put(AmiSession s, AmiMessage a) {
    if (missingFamilyOrKey(s, a, "")) {
      return;
    }
    db.put(path(a), a.value("Val"));
    success(s, a, "Updated database successfully");
  }

  private void get(AmiSession s, AmiMessage a) {
    if (missingFamilyOrKey(s, a, ".")) {
      return;
    }
    String value = db.get(path(a));
    if (value == null) {
      error(s, a, "Database entry not found");
      return;
    }
    String id = a.value("ActionID");
    EventLists.start(s, id, "Result will follow");
    s.send(AmiMessage.event("DBGetResponse", null).add("Family", a.value("Family")).add("Key", a.value("Key"))
        .add("Val", value).addIfPresent("ActionID", id));
    EventLists.complete(s, "DBGetComplete", id, 1);
  }

  private void getTree(AmiSession s, AmiMessage a) {
    // Asterisk matches the tree with SQL LIKE '<prefix>%': "/captest" also takes "/captest2/..."
    String family = a.value("Family");
    String prefix = family.isEmpty() ? "" : a.value("Key").isEmpty() ? "/" + family : path(a);
    Map<String, String> found = new TreeMap<>();
    db.entries().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.put(k, v);
      }
    });
    if (found.isEmpty()) {
      error(s, a, "Database entry not found");
      return;
    }
    String id = a.value("ActionID");
    EventLists.start(s, id, "Result will follow");
    found.forEach((k, v) -> s.send(AmiMessage.event("DBGetTreeResponse", null).add("Key", k).add("Val", v)
        .addIfPresent("ActionID", id)));
    EventLists.complete(s, "DBGetTreeComplete", id, found.size());
  }

  private void del(AmiSession s, AmiMessage a) {
    if (missingFamilyOrKey(s, a, ".")) {
      return;
    }
    if (db.remove(path(a)) == null) {
      error(s, a, "Database entry not found");
      return;
    }
    success(s, a, "Key deleted successfully");
  }

  private static boolean missingFamilyOrKey(AmiSession s, AmiMessage a, String stop) {
    if (a.value("Family").isEmpty()) {
      error(s, a, "No family specified" + stop);
      return true;
    }
    if (a.value("Key").isEmpty()) {
      error(s, a, "No key specified" + stop);
      return true;
    }
    return false;
  }

  private static String path(AmiMessage a) {
    return "/" + a.value("Family") + "/" + a.value("Key");
  }
}
