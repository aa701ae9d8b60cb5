package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real JavaScript application ({@code src/test/js/ami-over-sockjs.js} with the npm package
 * {@code @vertx/eventbus-bridge-client.js}) on the SockJS bridge: it receives Hangup events, originates
 * a call through {@code AmiService}, and is refused an Originate sent through {@code send}. Skipped when
 * Node.js or the npm package is absent (install: {@code npm ci --prefix bridge-verticle/src/test/js}),
 * except under {@code CI=true}, where their absence fails the test.
 */
class SockJsBridgeJsClientTest {
  private static final Path JS = Path.of("src", "test", "js").toAbsolutePath();

  @Test
  void aNodeJsClientSubscribesOriginatesAndIsRefusedAForbiddenAction() throws Exception {
    require(nodeJsWorks(), "Node.js is not installed: the JavaScript bridge client test is skipped");
    require(Files.isDirectory(JS.resolve("node_modules/@vertx/eventbus-bridge-client.js")),
      "npm package @vertx/eventbus-bridge-client.js is not installed: run `npm ci --prefix bridge-verticle/src/test/js`");
    String token = "js-" + UUID.randomUUID();
    int port = TestNode.freePort();
    AmiAddresses pbx1 = AmiAddresses.of(TestNode.PBX);
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", token)
      .put("outbound", new JsonArray().add(new JsonObject().put("address", pbx1.event("Hangup"))))
      .put("services", new JsonArray().add(new JsonObject().put("address", pbx1.service())
        .put("methods", new JsonArray().add("originate").add("send"))
        .put("actions", new JsonArray().add("CoreStatus"))))))) {
      Await.eventually(java.time.Duration.ofSeconds(15), "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);
      long originatesBefore = suite.sim.ami().actionCount("Originate");

      Process node = new ProcessBuilder("node", "ami-over-sockjs.js", "http://127.0.0.1:" + port + "/eventbus", token, TestNode.PBX)
        .directory(JS.toFile()).redirectErrorStream(true).start();
      List<JsonObject> lines;
      try {
        assertThat(node.waitFor(45, TimeUnit.SECONDS)).as("node script finished").isTrue();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
          List<String> raw = out.lines().collect(Collectors.toList());
          assertThat(node.exitValue()).as("exit code; output: " + raw).isZero();
          lines = raw.stream().filter(l -> l.startsWith("{")).map(JsonObject::new).collect(Collectors.toList());
        }
      } finally {
        node.destroyForcibly();
      }

      JsonObject originate = kind(lines, "originate");
      assertThat(originate.getString("event")).isEqualTo("OriginateResponse");
      assertThat(originate.getString("response")).isEqualTo("Success");
      JsonObject hangup = kind(lines, "hangup");
      assertThat(hangup.getString("channel")).startsWith("Local/100@test");
      assertThat(hangup.getString("pbx")).isEqualTo(TestNode.PBX);
      JsonObject refused = kind(lines, "refused");
      assertThat(refused.getInteger("failureCode")).isEqualTo(403);
      assertThat(refused.getString("message"))
        .isEqualTo("forbidden: bridge rule services.actions: AMI action Originate is not permitted on asterisk.ami.pbx1");
      // only the permitted originate (the AmiService method) reached Asterisk, not the refused one
      assertThat(suite.sim.ami().actionCount("Originate")).isEqualTo(originatesBefore + 1);
      assertThat(suite.sim.ami().receivedActions()).noneMatch(a -> String.valueOf(a).contains("PJSIP/0090012345678"));
    }
  }

  /** Skips locally; under CI ({@code CI=true}, set by .ci/run and CI services) a missing piece fails the test. */
  private static void require(boolean present, String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(present).as("CI=true: " + why).isTrue();
    } else {
      Assumptions.assumeTrue(present, why);
    }
  }

  private static JsonObject kind(List<JsonObject> lines, String kind) {
    return lines.stream().filter(l -> kind.equals(l.getString("kind"))).findFirst()
      .orElseThrow(() -> new AssertionError("no '" + kind + "' line in " + lines));
  }

  private static boolean nodeJsWorks() {
    Process p = null;
    try {
      p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }
}
