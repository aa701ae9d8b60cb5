package io.github.vertxasterisk.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool, over the TCP bridge and as a cluster member, against a node with the simulated PBX. */
@Timeout(90) // tail runs until its count: a missed event must fail the test, not hang the build
class CliTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int cli(Map<String, String> env, String... args) {
    return Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(cli(Map.of(), "send", "Action=Ping")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--pbx is required").contains("usage: Cli tail");
    assertThat(cli(Map.of(), "send", "--pbx", "pbx1")).isEqualTo(Cli.USAGE);
    assertThat(cli(Map.of(), "send", "--pbx", "pbx1", "--bridge", "nohost", "Action=Ping")).isEqualTo(Cli.USAGE);
    assertThat(cli(Map.of(), "dance")).isEqualTo(Cli.USAGE);
    assertThat(cli(Map.of(), "tail", "--event", "Hangup")).isEqualTo(Cli.USAGE);
    assertThat(err()).contains("--pbx is required (or --address)");
  }

  /** A wrong --conf was reported as "cannot reach the suite", exit 3, as if the cluster were down. */
  @Test
  void aConfigThatCannotBeReadIsBadUsage(@TempDir Path dir) {
    String missing = dir.resolve("nope.json").toString();
    assertThat(cli(Map.of(), "send", "--pbx", "pbx1", "--conf", missing, "Action=Ping")).isEqualTo(Cli.USAGE);
    assertThat(err()).isEqualTo("cannot read the config " + missing + ": Unable to read file at path '" + missing + "'"
      + System.lineSeparator());
  }

  @Test
  void overTheTcpBridgeSendsTailsAndReportsRefusals() throws Exception {
    int port = TestNode.freePort();
    String token = "cli-" + UUID.randomUUID();
    AmiAddresses pbx1 = AmiAddresses.of(TestNode.PBX);
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("tcp", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", token)
      .put("outbound", new JsonArray().add(new JsonObject().put("addressRegex", "asterisk\\.ami\\.pbx1\\.event\\..+")))
      .put("services", new JsonArray().add(new JsonObject().put("address", pbx1.service())
        .put("methods", new JsonArray().add("send")).put("actions", new JsonArray().add("CoreStatus")))
        .add(new JsonObject().put("address", AmiAddresses.of("pbx9").service()).put("methods", new JsonArray().add("send"))))))) {
      Await.eventually(Duration.ofSeconds(15), "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);
      String bridge = "127.0.0.1:" + port;
      Map<String, String> env = Map.of("ASTERISK_SUITE_BRIDGE__AUTH_TOKEN", token);

      assertThat(cli(env, "send", "--pbx", "pbx1", "--bridge", bridge, "Action=CoreStatus")).as(err()).isEqualTo(Cli.OK);
      assertThat(new JsonObject(out()).getString("Response")).isEqualTo("Success");

      assertThat(cli(env, "send", "--pbx", "pbx1", "--bridge", bridge, "Action=Originate", "Channel=Local/100@test",
        "Application=Wait", "Data=1")).isEqualTo(Cli.FAILED);
      assertThat(err()).contains("failed: 403 forbidden: bridge rule services.actions: AMI action Originate");
      assertThat(suite.sim.ami().actionCount("Originate")).isZero();

      assertThat(cli(Map.of(), "send", "--pbx", "pbx1", "--bridge", bridge, "Action=CoreStatus")).isEqualTo(Cli.FAILED);
      assertThat(err()).contains("bridge rule authToken");

      // permitted, but no node serves pbx9: the same exit code and message as for a cluster member
      assertThat(cli(env, "send", "--pbx", "pbx9", "--bridge", bridge, "Action=Ping")).isEqualTo(Cli.UNREACHABLE);
      assertThat(err()).contains("no-handlers: no node of the cluster serves asterisk.ami.pbx9");

      CompletableFuture<Integer> tail = CompletableFuture.supplyAsync(() ->
        cli(env, "tail", "--pbx", "pbx1", "--event", "Hangup", "--count", "1", "--bridge", bridge));
      Await.eventually(Duration.ofSeconds(15), "tail subscribed", () -> err().contains("tailing asterisk.ami.pbx1.event.Hangup"));
      AmiService ami = AmiService.createProxy(suite.node.vertx(), pbx1.service());
      // the register travels ahead of this call's events on the bridge's bus: retry until the tail has one
      while (!tail.isDone()) {
        Await.await(ami.originate(new JsonObject().put("Channel", "Local/100@test").put("Application", "Wait")
          .put("Data", "1").put("Async", "true")));
      }
      assertThat(tail.get()).isEqualTo(Cli.OK);
      assertThat(out().lines().filter(l -> l.contains("\"Event\":\"Hangup\""))).hasSize(1);

      // --address needs no --pbx (docs/bridge.md's example): the bridge's own answer shows it got that far
      assertThat(cli(env, "tail", "--address", pbx1.status(), "--bridge", bridge)).as(err()).isEqualTo(Cli.FAILED);
      assertThat(err()).contains("failed: forbidden: bridge rule outbound");
    }
  }

  @Test
  void asAClusterMemberWithTheNodeConfig(@TempDir Path dir) throws Exception {
    int clusterPort = 20_000 + (int) (Math.random() * 20_000);
    JsonObject cluster = new JsonObject().put("enabled", true).put("name", "cli-test-" + UUID.randomUUID())
      .put("port", clusterPort).put("members", new JsonArray().add("127.0.0.1:" + clusterPort).add("127.0.0.1:" + (clusterPort + 1)));
    try (TestNode suite = TestNode.start(new JsonObject().put("cluster", cluster))) {
      Await.eventually(Duration.ofSeconds(15), "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);
      Path conf = dir.resolve("node.json");
      Files.writeString(conf, new JsonObject().put("cluster", cluster).encodePrettily());

      assertThat(cli(Map.of(), "send", "--pbx", "pbx1", "--conf", conf.toString(), "Action=CoreStatus")).as(err()).isEqualTo(Cli.OK);
      assertThat(new JsonObject(out()).getString("Response")).isEqualTo("Success");
      // a failed call's code and message: without the ServiceException codec the member could not read
      // the failure and reported a timeout instead
      assertThat(cli(Map.of(), "send", "--pbx", "pbx1", "--conf", conf.toString(), "Action=Login")).isEqualTo(Cli.FAILED);
      assertThat(err()).startsWith("failed: 403 forbidden: 'Login' is managed by the AMI verticle itself");
      assertThat(cli(Map.of(), "send", "--pbx", "nosuchpbx", "--conf", conf.toString(), "Action=CoreStatus"))
        .isEqualTo(Cli.UNREACHABLE);
      assertThat(err()).contains("failed: no-handlers: no node of the cluster serves asterisk.ami.nosuchpbx");
    }
  }
}
