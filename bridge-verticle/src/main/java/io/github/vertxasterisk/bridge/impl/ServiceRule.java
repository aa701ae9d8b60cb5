package io.github.vertxasterisk.bridge.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which service-proxy calls a bridge client may make on the services at matching addresses:
 * {@code methods} (absent: every method) and, for {@code send} / {@code sendList}, the AMI
 * {@code actions} (absent: every action; matched ignoring case, as Asterisk does).
 */
final class ServiceRule {
  final AddressRule address;
  final Set<String> methods;
  final Set<String> actions;

  private ServiceRule(AddressRule address, Set<String> methods, Set<String> actions) {
    this.address = address;
    this.methods = methods;
    this.actions = actions;
  }

  static ServiceRule from(JsonObject json) {
    AddressRule address = AddressRule.from(json, "bridge.services");
    return new ServiceRule(address, names(json.getJsonArray("methods"), false),
      names(json.getJsonArray("actions"), true));
  }

  private static Set<String> names(JsonArray list, boolean lowerCase) {
    if (list == null) {
      return null;
    }
    return list.stream().map(String::valueOf).map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s)
      .collect(Collectors.toCollection(TreeSet::new));
  }
}
