package io.github.vertxasterisk.ari.impl.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A ChannelUserevent's {@code userevent} holds the application's own variables (dialplan
 * {@code UserEvent(AgentState,name: 1001,state: paused)} or {@code events.userEvent}'s {@code variables}),
 * and a TextMessageReceived's {@code message.variables} the message's (its SIP headers, or what the
 * sender chose): their names say nothing about resources, so they must not route the event anywhere.
 */
class UserEventContentRoutingTest {
  private static final String P = "asterisk.ari.pbx1.";
  private final AriEventRouter router = new AriEventRouter(AriAddresses.of("pbx1"));

  @Test
  void userVariablesNamedLikeAResourcesFieldsRouteNowhere() {
    // the recorded ChannelUserevent (01-callflow), with the variables an agent-state event carries
    JsonObject e = new JsonObject("{\"type\":\"ChannelUserevent\",\"timestamp\":\"2026-11-23T07:00:42.208+0000\","
      + "\"eventname\":\"AgentState\",\"userevent\":{\"name\":\"1001\",\"state\":\"paused\",\"eventname\":\"AgentState\"},"
      + "\"channel\":{\"id\":\"cap-chan-2\",\"name\":\"Local/300@test-00000058;1\",\"state\":\"Up\",\"protocol_id\":\"\","
      + "\"caller\":{\"name\":\"\",\"number\":\"\"},\"connected\":{\"name\":\"Cap Test\",\"number\":\"1234\"},\"accountcode\":\"\","
      + "\"dialplan\":{\"context\":\"test\",\"exten\":\"300\",\"priority\":1,\"app_name\":\"Stasis\",\"app_data\":\"demo-app\"},"
      + "\"creationtime\":\"2026-11-23T07:00:36.258+0000\",\"language\":\"en\"},"
      + "\"asterisk_id\":\"02:fc:00:00:00:01\",\"application\":\"demo-app\"}");
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.ChannelUserevent", P + "events",
      P + "channel.cap-chan-2");

    e.put("userevent", new JsonObject().put("eventname", "Prompt").put("name", "greeting").put("format", "wav"));
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.ChannelUserevent", P + "events",
      P + "channel.cap-chan-2");
  }

  @Test
  void textMessageVariablesNamedLikeAResourcesFieldsRouteNowhere() {
    // TextMessageReceived and TextMessage as events.json and endpoints.json declare them
    JsonObject e = new JsonObject("{\"type\":\"TextMessageReceived\",\"timestamp\":\"2026-11-23T07:00:42.208+0000\","
      + "\"message\":{\"from\":\"\\\"alice\\\" <sip:alice@10.0.0.1>\",\"to\":\"pjsip:1000\",\"body\":\"hello\","
      + "\"variables\":{\"name\":\"1001\",\"state\":\"INUSE\"}},"
      + "\"endpoint\":{\"technology\":\"PJSIP\",\"resource\":\"alice\",\"state\":\"online\",\"channel_ids\":[]},"
      + "\"asterisk_id\":\"02:fc:00:00:00:01\",\"application\":\"demo-app\"}");
    assertThat(router.route(e).publishAddresses()).containsExactly(P + "event.TextMessageReceived", P + "events",
      P + "endpoint.PJSIP/alice");
  }
}
