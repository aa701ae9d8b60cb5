package io.github.vertxasterisk.sim.ami;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import static io.github.vertxasterisk.sim.ami.ActionDispatcher.error;

/** Login (plain and MD5), Challenge and Logoff, as captures 01, 01b, 02 and 07 show them. */
final class AuthActions {

  private static final DateTimeFormatter TV =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  private final AmiServer server;
  private final SecureRandom random = new SecureRandom();

  AuthActions(AmiServer server) {
    this.server = server;
  }

  void register(ActionDispatcher d) {
    d.register("Login", this::login).register("Challenge", this::challenge).register("Logoff", this::logoff);
  }

  private void challenge(AmiSession s, AmiMessage a) {
    if (!a.value("AuthType").equalsIgnoreCase("MD5")) {
      error(s, a, "Must specify AuthType");
      return;
    }
    if (s.challenge() == null) {
      s.challenge(String.valueOf(random.nextInt(Integer.MAX_VALUE)));
    }
    s.send(AmiMessage.response("Success", a.value("ActionID")).add("Challenge", s.challenge()));
  }

  private void login(AmiSession s, AmiMessage a) {
    AmiConfig cfg = server.config();
    boolean ok = cfg.username().equals(a.value("Username")) && secretMatches(s, a, cfg.secret());
    if (!ok) {
      // Asterisk answers a failed login after a delay, then hangs up (capture 02).
      s.closing();
      server.vertx().setTimer(Math.max(1, cfg.loginFailureDelayMs()), id -> {
        error(s, a, "Authentication failed");
        s.close();
      });
      return;
    }
    s.authenticated(cfg.username());
    String events = a.value("Events");
    if (!events.isEmpty()) {
      s.mask(EventMask.parse(events));
    }
    ActionDispatcher.success(s, a, "Authentication accepted");
    long uptime = (System.currentTimeMillis() - server.pbx().startedAtMillis()) / 1000;
    s.deliverEvent(AmiMessage.event("FullyBooted", "system,all")
        .add("Uptime", uptime).add("LastReload", uptime).add("Status", "Fully Booted"));
    server.broadcast(successfulAuth(s));
  }

  private boolean secretMatches(AmiSession s, AmiMessage a, String secret) {
    if (a.value("AuthType").equalsIgnoreCase("MD5")) {
      return s.challenge() != null && md5Hex(s.challenge() + secret).equalsIgnoreCase(a.value("Key"));
    }
    return secret.equals(a.value("Secret"));
  }

  /** The security event every read=all session gets (INDEX AMI item 13). */
  private AmiMessage successfulAuth(AmiSession s) {
    String now = TV.format(Instant.now());
    return AmiMessage.event("SuccessfulAuth", "security,all")
        .add("EventTV", now).add("Severity", "Informational").add("Service", "AMI").add("EventVersion", 1)
        .add("AccountID", s.username()).add("SessionID", "0x" + Long.toHexString(0x7f3df0000000L + s.id()))
        .add("LocalAddress", "IPV4/TCP/" + s.socket().localAddress().hostAddress() + "/" + s.socket().localAddress().port())
        .add("RemoteAddress", "IPV4/TCP/" + s.socket().remoteAddress().hostAddress() + "/" + s.socket().remoteAddress().port())
        .add("UsingPassword", 0).add("SessionTV", now);
  }

  private void logoff(AmiSession s, AmiMessage a) {
    s.closing();
    s.send(AmiMessage.response("Goodbye", a.value("ActionID")).add("Message", "Thanks for all the fish."));
    s.close();
  }

  static String md5Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
