package io.github.vertxasterisk.sim.ami;

import io.github.vertxasterisk.sim.PbxSimulator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

/** Starts a simulator on an ephemeral 127.0.0.1 port for each test (fast calls, short login-failure delay). */
@ExtendWith(VertxExtension.class)
abstract class AmiTestBase {

  static final String LOGIN = "Action: Login\r\nUsername: admin\r\nSecret: amp111\r\nActionID: login-1\r\n\r\n";
  static final String LOGIN_EVENTS_OFF =
      "Action: Login\r\nUsername: admin\r\nSecret: amp111\r\nActionID: login-1\r\nEvents: off\r\n\r\n";
  static final String ACCEPTED = "Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n";

  Vertx vertx;
  PbxSimulator sim;
  AmiServer ami;
  private final List<RawAmiClient> clients = new ArrayList<>();

  @BeforeEach
  void startSimulator(Vertx vertx) {
    this.vertx = vertx;
    sim = RawAmiClient.await(PbxSimulator.forTests().start(vertx));
    ami = sim.ami();
  }

  @AfterEach
  void stopSimulator() {
    clients.forEach(RawAmiClient::close);
    RawAmiClient.await(sim.close());
  }

  RawAmiClient connect() {
    RawAmiClient c = RawAmiClient.connect(vertx, ami.port());
    clients.add(c);
    c.awaitContains("\r\n");
    return c;
  }

  /** Sends a capture's whole client side on a new connection and returns all the server wrote until it closed. */
  String replay(String capture) {
    RawAmiClient c = connect();
    c.send(Captures.client(capture));
    c.awaitClosed();
    return c.text();
  }

  /** Connects and logs in; with events off the session sees only its own responses. */
  RawAmiClient login(boolean events) {
    RawAmiClient c = connect();
    c.send(events ? LOGIN : LOGIN_EVENTS_OFF);
    c.awaitContains(events ? "Event: SuccessfulAuth" : ACCEPTED);
    if (events) {
      c.awaitContains("SessionTV: ");
    }
    return c;
  }
}
