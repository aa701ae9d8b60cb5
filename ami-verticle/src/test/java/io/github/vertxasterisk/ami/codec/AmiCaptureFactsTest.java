package io.github.vertxasterisk.ami.codec;

import static io.github.vertxasterisk.ami.codec.Captures.parseWhole;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.codec.Captures.Recorder;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts known from the scenarios themselves (what was done on the PBX), checked on the parsed captures. */
class AmiCaptureFactsTest {

  private static List<AmiMessage> messages(String scenario) {
    Recorder r = parseWhole(Captures.server(scenario), true);
    assertThat(r.rejected).isEmpty();
    assertThat(r.fatal).isEmpty();
    return r.messages;
  }

  private static long events(List<AmiMessage> messages, String name) {
    return messages.stream().filter(m -> m.isEvent() && name.equals(m.eventName())).count();
  }

  private static AmiMessage byActionId(List<AmiMessage> messages, String actionId) {
    List<AmiMessage> found = messages.stream().filter(m -> actionId.equals(m.actionId())).toList();
    assertThat(found).as("messages with ActionID %s", actionId).hasSize(1);
    return found.get(0);
  }

  @Test
  void burstHas50OriginateResponsesAnd100Hangups() {
    List<AmiMessage> m = messages("10-burst-50-originates");
    assertThat(events(m, "OriginateResponse")).isEqualTo(50);
    assertThat(events(m, "Hangup")).isEqualTo(100);
    assertThat(events(m, "HangupRequest")).isEqualTo(50);
    // 50 originate responses + login + logoff, and ~1300 events.
    assertThat(m.stream().filter(AmiMessage::isResponse).count()).isEqualTo(52);
    assertThat(m.size()).isBetween(1200, 1500);
    assertThat(m.stream().filter(x -> "OriginateResponse".equals(x.eventName())).map(AmiMessage::actionId).distinct())
      .hasSize(50);
  }

  @Test
  void asyncOriginateHasOneOriginateResponseEvent() {
    List<AmiMessage> m = messages("04-originate-async-local100-events");
    List<AmiMessage> orig = m.stream().filter(x -> "orig-100-1".equals(x.actionId())).toList();
    // The "Originate successfully queued" response and the OriginateResponse event.
    assertThat(orig).hasSize(2);
    assertThat(orig.get(0).isResponse()).isTrue();
    assertThat(orig.get(0).get("Message")).isEqualTo("Originate successfully queued");

    List<AmiMessage> events = m.stream().filter(x -> "OriginateResponse".equals(x.eventName())).toList();
    assertThat(events).hasSize(1);
    AmiMessage e = events.get(0);
    assertThat(e.isEvent()).isTrue();
    assertThat(e.isResponse()).isFalse();
    assertThat(e.actionId()).isEqualTo("orig-100-1");
    assertThat(e.get("Response")).isEqualTo("Success");
    assertThat(e.get("Reason")).isEqualTo("4");
    assertThat(e.get("CallerIDName")).isEqualTo("Capture Test");
    assertThat(e.name(0)).isEqualTo("Event");
  }

  @Test
  void commandOutputKeepsIndentationAndEmptyLines() {
    AmiMessage cmd = byActionId(messages("06-command-action"), "cmd-3");
    assertThat(cmd.isResponse()).isTrue();
    assertThat(cmd.get("Message")).isEqualTo("Command output follows");
    List<String> out = cmd.getAll("Output");
    assertThat(out).hasSize(22);
    assertThat(out.get(0)).isEqualTo("[ Context 'test' created by 'pbx_config' ]");
    assertThat(out.get(1)).isEqualTo(
      "  '100' =>          1. Answer()                                   [extensions.conf:10]");
    assertThat(out.get(2)).isEqualTo(
      "                    2. Set(CALLKIND=demo)                         [extensions.conf:11]");
    assertThat(out.get(20)).isEqualTo("");
    assertThat(out.get(21)).isEqualTo("-= 6 extensions (19 priorities) in 1 context. =-");
    JsonArray json = cmd.toJson().getJsonArray("Output");
    assertThat(json.getList()).containsExactlyElementsOf(out);

    // An unknown CLI command: Response Error, one Output line, still an array in JSON.
    AmiMessage err = byActionId(messages("06-command-action"), "cmd-5");
    assertThat(err.get("Response")).isEqualTo("Error");
    assertThat(err.toJson().getJsonArray("Output").getList())
      .containsExactly("No such command 'no such command here' (type 'core show help no such' for other possible commands)");
  }

  @Test
  void coreShowChannelMapBareLfIsOneResponseAndNoExtraMessage() {
    List<AmiMessage> m = messages("08-misc-actions");
    AmiMessage map = byActionId(m, "coreshowchannelmap-20");
    assertThat(map.size()).isEqualTo(3);
    assertThat(map.get("Response")).isEqualTo("Error");
    assertThat(map.get("Message")).isEqualTo("Could not get channel snapshot");
    // The stray blank line creates no message: the next one is the ListCommands response.
    AmiMessage next = m.get(m.indexOf(map) + 1);
    assertThat(next.actionId()).isEqualTo("listcommands-21");
    assertThat(next.get("Response")).isEqualTo("Success");
    assertThat(m).allMatch(x -> x.size() > 0);
  }

  @Test
  void pingWithoutActionIdHasNone() {
    List<AmiMessage> m = messages("03-ping");
    assertThat(m).hasSize(5);
    List<AmiMessage> pings = m.stream().filter(x -> "Pong".equals(x.get("Ping"))).toList();
    assertThat(pings).hasSize(3);
    assertThat(pings.get(0).actionId()).isEqualTo("ping-1");
    assertThat(pings.get(1).actionId()).isNull();
    assertThat(pings.get(1).toJson().containsKey("ActionID")).isFalse();
    assertThat(pings.get(1).get("Timestamp")).isEqualTo("1795416980.122591");
    assertThat(pings.get(2).actionId()).isEqualTo("ping-2");
    // ActionID is the 2nd header of a response to an action that had one.
    assertThat(pings.get(0).name(1)).isEqualTo("ActionID");
  }

  @Test
  void emptyValuesAndColonsInValuesAreKeptExactly() {
    List<AmiMessage> login = messages("01-banner-login-ok-logoff");
    AmiMessage auth = login.stream().filter(x -> "SuccessfulAuth".equals(x.eventName())).findFirst().orElseThrow();
    assertThat(auth.get("EventTV")).isEqualTo("2026-11-23T06:56:16.705+0000");
    assertThat(auth.get("LocalAddress")).isEqualTo("IPV4/TCP/127.0.0.1/5038");

    List<AmiMessage> orig = messages("04-originate-async-local100-events");
    AmiMessage newchannel = orig.stream().filter(x -> "Newchannel".equals(x.eventName())).findFirst().orElseThrow();
    assertThat(newchannel.get("AccountCode")).isEqualTo("");
    assertThat(newchannel.toJson().getString("AccountCode")).isEqualTo("");
    assertThat(orig).anyMatch(x -> "(Outgoing Line)".equals(x.get("AppData")));

    // "Variable: CALLERID(num)=" : the '=' and the empty value after it survive.
    AmiMessage status = messages("05-call-up-coreshowchannels-status-vars-hangup").stream()
      .filter(x -> "status-one-vars".equals(x.actionId()) && "Status".equals(x.eventName())).findFirst().orElseThrow();
    assertThat(status.getAll("Variable")).containsExactly("CALLERID(num)=", "FOO=(null)");
  }

  @Test
  void loginFailureAndShutdown() {
    List<AmiMessage> fail = messages("02-login-failure");
    assertThat(fail).hasSize(1);
    assertThat(fail.get(0).get("Message")).isEqualTo("Authentication failed");

    List<AmiMessage> shutdown = messages("12-shutdown-restart");
    AmiMessage last = shutdown.get(shutdown.size() - 1);
    assertThat(last.eventName()).isEqualTo("Shutdown");
    assertThat(last.get("Restart")).isEqualTo("True");
  }
}
