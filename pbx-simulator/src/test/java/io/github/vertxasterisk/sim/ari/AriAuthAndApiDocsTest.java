package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** 401 as captured (02-errors), api_key, response headers, 404/405, and the served API declaration. */
class AriAuthAndApiDocsTest extends AriTestBase {

  @Test
  void rejectsBadOrMissingCredentialsExactlyAsAsteriskDoes() {
    String wrong = "Basic " + Base64.getEncoder().encodeToString("asterisk:wrong".getBytes());
    for (Resp r : new Resp[] {call(GET, "/ari/asterisk/info", null, wrong), call(GET, "/ari/asterisk/info", null, null),
        call(GET, "/ari/asterisk/info?api_key=asterisk:nope", null, null)}) {
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.reason()).isEqualTo("Unauthorized");
      assertThat(r.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"Asterisk REST Interface\"");
      assertThat(r.text()).isEqualTo("{\"message\":\"Authentication required\"}");
    }
    assertThat(ari.restRequestCount("GET", "/ari/asterisk/info")).isEqualTo(3);
  }

  @Test
  void acceptsBasicAuthAndApiKeyWithAsterisksHeaders() {
    Resp basic = call(GET, "/ari/asterisk/info");
    Resp key = call(GET, "/ari/asterisk/info?api_key=asterisk:asterisk", null, null);
    JsonObject captured = Captures.lines("01-callflow.rest.jsonl").get(0).getJsonObject("response_json");
    for (Resp r : new Resp[] {basic, key}) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().get("Server")).isEqualTo("Asterisk/22.10.1");
      assertThat(r.headers().get("Cache-Control")).isEqualTo("no-cache, no-store");
      assertThat(r.headers().get("Content-type")).isEqualTo("application/json");
      assertThat(r.headers().get("Date")).endsWith("GMT");
      assertThat(Captures.keyPaths(r.json())).isEqualTo(Captures.keyPaths(captured));
    }
    JsonObject ping = call(GET, "/ari/asterisk/ping").json();
    assertThat(ping.fieldNames()).containsExactly("ping", "timestamp", "asterisk_id");
    assertThat(ping.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
  }

  @Test
  void webSocketUpgradeNeedsCredentialsAndAnApp() {
    WebSocketConnectOptions noCreds = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(ari.port())
        .setURI("/ari/events?app=demo-app");
    assertThatThrownBy(() -> await(wsClient.connect(noCreds)))
        .hasRootCauseInstanceOf(UpgradeRejectedException.class)
        .rootCause().satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(401));
    WebSocketConnectOptions noApp = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(ari.port())
        .setURI("/ari/events?api_key=asterisk:asterisk");
    assertThatThrownBy(() -> await(wsClient.connect(noApp)))
        .rootCause().satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(400));
    assertThat(ari.openWebSockets()).isZero();
    assertThat(ari.restRequestCount()).isZero();
  }

  @Test
  void unknownResourceAndWrongMethodAnswerAsCaptured() {
    Resp missing = call(GET, "/ari/nosuchresource");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).isEqualTo("{\"message\":\"Resource not found\"}");
    Resp put = call(PUT, "/ari/asterisk/info");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.headers().get("Allow")).isEqualTo("OPTIONS,GET");
    assertThat(put.text()).isEqualTo("{\"message\":\"Invalid method\"}");
  }

  @Test
  void servesItsOwnDeclarationWhoseEveryOperationIsRouted() {
    JsonObject listing = call(GET, "/ari/api-docs/resources.json").json();
    assertThat(listing.getString("swaggerVersion")).isEqualTo("1.1");
    assertThat(listing.getString("basePath")).isEqualTo("http://127.0.0.1:" + ari.port() + "/ari");
    int operations = 0;
    for (Object a : listing.getJsonArray("apis")) {
      String docPath = ((JsonObject) a).getString("path").replace("{format}", "json");
      JsonObject decl = call(GET, "/ari" + docPath).json();
      assertThat(decl.getString("basePath")).isEqualTo(ari.baseUrl());
      for (Object api : decl.getJsonArray("apis")) {
        String path = ((JsonObject) api).getString("path").replaceAll("\\{[^}]+}", "x");
        for (Object op : ((JsonObject) api).getJsonArray("operations")) {
          HttpMethod method = HttpMethod.valueOf(((JsonObject) op).getString("httpMethod"));
          if (path.equals("/events")) {
            continue; // the WebSocket
          }
          Resp r = call(method, "/ari" + path);
          assertThat(r.status()).as(method + " " + path).isNotEqualTo(405);
          assertThat(r.text()).as(method + " " + path).doesNotContain("Resource not found");
          operations++;
        }
      }
    }
    assertThat(operations).isEqualTo(48);
    assertThat(call(GET, "/ari/api-docs/sounds.json").status()).isEqualTo(404);
  }
}
