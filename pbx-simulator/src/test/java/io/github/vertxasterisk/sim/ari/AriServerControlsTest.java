package io.github.vertxasterisk.sim.ari;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The misbehaviours tests can ask for. */
class AriServerControlsTest extends AriTestBase {

  @Test
  void hostileModesAnswerHtmlOrBrokenJsonAndDoNothing() {
    ari.setHostileMode(HostileMode.HTML);
    Resp html = call(POST, "/ari/channels?endpoint=Local/300@test&app=demo-app");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.headers().get("Content-type")).isEqualTo("text/html");
    assertThat(html.text()).startsWith("<html>");
    ari.setHostileMode(HostileMode.INVALID_JSON);
    Resp broken = call(GET, "/ari/channels");
    assertThat(broken.headers().get("Content-type")).isEqualTo("application/json");
    assertThat(broken.text()).isEqualTo("{\"id\": \"broken");
    ari.setHostileMode(HostileMode.NONE);
    assertThat(call(GET, "/ari/channels").array()).isEmpty();
    assertThat(ari.restRequestCount("POST", "/ari/channels")).isEqualTo(1);
    assertThat(ari.restRequestCount()).isEqualTo(3);
  }

  @Test
  void frozenServerCountsButAnswersOnlyAfterUnfreeze() throws Exception {
    ari.freeze();
    RequestOptions o = new RequestOptions().setHost("127.0.0.1").setPort(ari.port()).setURI("/ari/asterisk/ping")
        .putHeader("Authorization", AUTH);
    Future<Integer> pending = http.request(o).compose(req -> req.send()).map(r -> r.statusCode());
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (ari.restRequestCount("GET", "/ari/asterisk/ping") == 0 && System.currentTimeMillis() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(ari.restRequestCount("GET", "/ari/asterisk/ping")).isEqualTo(1);
    assertThat(pending.isComplete()).isFalse();
    await(ari.unfreeze());
    assertThat(await(pending)).isEqualTo(200);
    assertThat(ari.receivedRequests()).containsExactly("GET /ari/asterisk/ping");
  }

  @Test
  void rawFramesEmittedEventsAndAbruptClose() {
    Events ws = events("app=demo-app");
    await(ari.sendRawText("not json at all"));
    assertThat(ws.nextText()).isEqualTo("not json at all");
    await(ari.sendBinary(Buffer.buffer(new byte[] {1, 2, 3})));
    assertThat(ws.nextText()).isEqualTo("<binary 3>");
    await(ari.emitEvent("demo-app", new JsonObject().put("type", "Custom").put("x", 1)));
    JsonObject custom = ws.next();
    assertThat(custom.fieldNames()).containsExactly("type", "x", "timestamp", "asterisk_id", "application");
    assertThat(ari.openWebSockets()).isEqualTo(1);
    await(ari.closeAllWebSockets());
    assertThat(ws.nextText()).isEqualTo("<closed>");
  }

  @Test
  void abruptCloseSendsNoCloseFrame() throws Exception {
    NetClient client = vertx.createNetClient();
    NetSocket socket = await(client.connect(ari.port(), "127.0.0.1"));
    StringBuffer received = new StringBuffer();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    socket.handler(b -> received.append(b.toString(StandardCharsets.ISO_8859_1)));
    socket.closeHandler(v -> closed.complete(null));
    socket.write("GET /ari/events?app=demo-app&api_key=asterisk:asterisk HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: 8P7W4y+GNXSFVMNJVG6TNg==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n");
    long deadline = System.currentTimeMillis() + TIMEOUT_MS;
    while (ari.openWebSockets() == 0 && System.currentTimeMillis() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    await(ari.closeAllWebSockets());
    closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    String text = received.toString();
    assertThat(text).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    assertThat(text.substring(text.indexOf("\r\n\r\n") + 4)).as("bytes after the handshake").isEmpty();
    await(client.close());
  }
}
