package io.github.vertxasterisk.sim.ami;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Banner, Login (plain, MD5, failure), Logoff and "Permission denied", against captures 01, 01b, 02, 07. */
class LoginTest extends AmiTestBase {

  @Test
  void bannerIsASingleLineWithNoBlankLineAfterIt() {
    RawAmiClient c = connect();
    assertThat(c.text()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
  }

  @Test
  void loginThenLogoffMatchesCapture01() {
    RawAmiClient c = connect();
    c.send(Captures.client("01-banner-login-ok-logoff"));
    c.awaitClosed();
    assertThat(Captures.normalize(c.text()))
        .isEqualTo(Captures.normalize(Captures.server("01-banner-login-ok-logoff")));
  }

  @Test
  void wrongSecretIsAnsweredAfterTheDelayThenTheSocketIsClosed() {
    ami.setLoginFailureDelayMs(300);
    RawAmiClient c = connect();
    long t0 = System.nanoTime();
    c.send(Captures.client("02-login-failure"));
    c.awaitClosed();
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(c.text()).isEqualTo(Captures.server("02-login-failure"));
    assertThat(elapsedMs).isGreaterThanOrEqualTo(250);
  }

  @Test
  void changedCredentialsAreUsed() {
    ami.setCredentials("bob", "s3cret");
    RawAmiClient c = connect();
    c.send("Action: Login\r\nUsername: bob\r\nSecret: s3cret\r\nEvents: off\r\n\r\n");
    assertThat(c.awaitContains("\r\n\r\n")).endsWith("Response: Success\r\nMessage: Authentication accepted\r\n\r\n");
  }

  @Test
  void md5ChallengeLoginMatchesCapture01b() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("01b-login-md5-challenge"));
    c.send(actions.get(0));
    String challenge = c.awaitContains("Challenge: ").replaceAll("(?s).*Challenge: (\\d+)\r\n.*", "$1");
    assertThat(challenge).matches("\\d+");
    String key = AuthActions.md5Hex(challenge + "amp111");
    c.send(actions.get(1).replace("c52c4ca5c513ecb40ff8c3ad4f48762d", key));
    c.awaitContains("Authentication accepted");
    c.send(actions.get(2) + actions.get(3));
    c.awaitClosed();
    assertThat(Captures.normalize(c.text()))
        .isEqualTo(Captures.normalize(Captures.server("01b-login-md5-challenge")));
  }

  @Test
  void md5LoginWithAWrongKeyFails() {
    ami.setLoginFailureDelayMs(10);
    RawAmiClient c = connect();
    c.send("Action: Challenge\r\nAuthType: MD5\r\n\r\n");
    c.awaitContains("Challenge: ");
    c.send("Action: Login\r\nAuthType: MD5\r\nUsername: admin\r\nKey: 00000000000000000000000000000000\r\n\r\n");
    c.awaitClosed();
    assertThat(c.text()).endsWith("Response: Error\r\nMessage: Authentication failed\r\n\r\n");
  }

  @Test
  void actionsBeforeLoginArePermissionDenied() {
    RawAmiClient c = connect();
    List<String> actions = Captures.actions(Captures.client("07-errors"));
    c.send(actions.get(0) + actions.get(1));
    c.awaitCount("Permission denied", 2);
    String capture = Captures.server("07-errors");
    assertThat(c.text()).isEqualTo("Asterisk Call Manager/11.0.0\r\n"
        + Captures.responseBlock(capture, "before-login") + "\r\n\r\n"
        + Captures.responseBlock(capture, "before-login-2") + "\r\n\r\n");
  }

  @Test
  void loginWithEventsOffGetsNoEvents() {
    RawAmiClient c = connect();
    c.send(LOGIN_EVENTS_OFF + "Action: Ping\r\nActionID: p\r\n\r\n");
    c.awaitContains("Ping: Pong");
    assertThat(c.text()).doesNotContain("Event: ");
  }
}
