package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import org.junit.jupiter.api.Test;

/**
 * docs/bridge.md: "a service address (asterisk.ami.<pbx>, asterisk.ari.<pbx>) is reachable only through a
 * services rule" and "any frame to <prefix>.ami.<id> / <prefix>.ari.<id> is a service call: it needs a
 * services rule". A bridge client registered on a service address becomes one more consumer of it: the
 * bus's point-to-point sends then hand it a share of every node's AmiService calls.
 */
class BridgePolicyTest {

  @Test
  void aBroadOutboundRegexDoesNotLetAClientConsumeTheServiceAddress() {
    JsonObject config = new JsonObject("{\"bridge\":{"
      + "\"outbound\":[{\"addressRegex\":\"asterisk\\\\.ami\\\\.pbx1.*\"}],"
      + "\"services\":[]}}");
    BridgePolicy policy = new BridgePolicy(BridgeConfig.from(config));

    assertThat(policy.check(BridgeEventType.REGISTER, new JsonObject().put("address", "asterisk.ami.pbx1.event.Hangup")))
      .as("events stay permitted").isNull();
    assertThat(policy.check(BridgeEventType.REGISTER, new JsonObject().put("address", "asterisk.ami.pbx1")))
      .as("register on the AmiService address").isNotNull();
  }

  @Test
  void aRefusedMethodOrActionNameIsQuotedCutAndEscaped() {
    BridgePolicy policy = new BridgePolicy(BridgeConfig.from(new JsonObject(
      "{\"bridge\":{\"services\":[{\"address\":\"asterisk.ami.pbx1\",\"methods\":[\"send\"],\"actions\":[\"Ping\"]}]}}")));
    Refusal method = policy.check(BridgeEventType.SEND, new JsonObject().put("address", "asterisk.ami.pbx1")
      .put("headers", new JsonObject().put("action", "m\n".repeat(5_000))));
    assertThat(method.message()).contains("method m\\x0am\\x0a").contains("... (10000 characters)").hasSizeLessThan(500);
    Refusal action = policy.check(BridgeEventType.SEND, new JsonObject().put("address", "asterisk.ami.pbx1")
      .put("headers", new JsonObject().put("action", "send"))
      .put("body", new JsonObject().put("action", new JsonObject().put("Action", "A".repeat(10_000)))));
    assertThat(action.message()).contains("... (10000 characters)").hasSizeLessThan(500);
  }
}
