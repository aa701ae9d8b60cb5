package io.github.vertxasterisk.sim.ari;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of one REST call: query string first, then the top-level keys of a JSON body (Asterisk
 * accepts both), path parameters, and the {@code variables} object of the body.
 */
final class AriRequest {

  static final String BODY_KEY = "ari.body";

  /** A parameter that is not a number where one is needed. */
  static final class BadParam extends RuntimeException {
    BadParam(String message) {
      super(message, null, false, false);
    }
  }

  final RoutingContext ctx;
  private final JsonObject body;

  AriRequest(RoutingContext ctx) {
    this.ctx = ctx;
    Object b = ctx.get(BODY_KEY);
    this.body = b instanceof JsonObject j ? j : new JsonObject();
  }

  String path(String name) {
    return ctx.pathParam(name);
  }

  /** The parameter, or null when absent or empty. */
  String param(String name) {
    String v = ctx.request().getParam(name);
    if (v == null && body.containsKey(name) && !(body.getValue(name) instanceof JsonObject)) {
      v = String.valueOf(body.getValue(name));
    }
    return v == null || v.isEmpty() ? null : v;
  }

  /** A comma-separated (or repeated) list parameter. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : ctx.queryParam(name)) {
      for (String part : v.split(",")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    if (out.isEmpty() && param(name) != null) {
      for (String part : param(name).split(",")) {
        if (!part.isEmpty()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  Integer intParam(String name, Integer defaultValue) {
    String v = param(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException e) {
      throw new BadParam(name + " must be an integer");
    }
  }

  /** {@code {"variables": {...}}} of the body, in order; empty when absent. */
  Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    JsonObject v = body.getJsonObject("variables");
    if (v != null) {
      v.forEach(e -> vars.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return vars;
  }
}
