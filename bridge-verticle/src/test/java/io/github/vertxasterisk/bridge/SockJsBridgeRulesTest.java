package io.github.vertxasterisk.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.sim.testing.Await;
import io.github.vertxasterisk.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The SockJS bridge applies the same rules as the TCP bridge. Spoken here as
 * {@code @vertx/eventbus-bridge-client.js} speaks it over a WebSocket, on a plain socket: the client sends
 * a JSON array of frames, each JSON-encoded as a string; the server sends {@code o} on open, then
 * {@code a[...]} likewise.
 */
class SockJsBridgeRulesTest {
  private static final String TOKEN = "test-token-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AmiAddresses PBX1 = AmiAddresses.of(TestNode.PBX);

  @Test
  void anActionHeaderSpelledInAnotherCaseCannotReachAMethodPastTheRules() throws Exception {
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN)
      .put("services", new JsonArray().add(new JsonObject().put("address", PBX1.service())
        .put("methods", new JsonArray().add("send").add("info"))
        .put("actions", new JsonArray().add("CoreStatus"))))));
         SockJsClient client = new SockJsClient(port)) {
      Await.eventually(WAIT, "pbx1 logged in", () -> suite.sim.ami().actionCount("Login") > 0);

      // the bus's headers ignore case: with "info" shown to the rules, "ACTION" must not make it a send
      String reply = UUID.randomUUID().toString(); // vertx-web takes a reply address of up to 36 characters
      client.write(new JsonObject().put("type", "send").put("address", PBX1.service()).put("replyAddress", reply)
        .put("headers", new JsonObject().put("authToken", TOKEN).put("ACTION", "send").put("action", "info"))
        .put("body", new JsonObject().put("action", new JsonObject().put("Action", "Originate")
          .put("Channel", "Local/100@test").put("Application", "Wait").put("Data", "1"))));
      JsonObject answer = client.await("the answer", f -> reply.equals(f.getString("address")));
      assertThat(answer.getInteger("failureCode")).as(answer.encode()).isEqualTo(403);
      assertThat(suite.sim.ami().actionCount("Originate")).isZero();
    }
  }

  @Test
  void aClientCannotAnswerARequestHandedToAnotherClient() throws Exception {
    // vertx-web keeps the reply addresses it handed out in one map for all its clients: any client that
    // names one (unclustered, they are numbered in sequence) could answer another client's request
    int port = TestNode.freePort();
    try (TestNode suite = TestNode.start(new JsonObject().put("bridge", new JsonObject()
      .put("sockjs", new JsonObject().put("enabled", true).put("port", port))
      .put("authToken", TOKEN)
      .put("outbound", new JsonArray().add(new JsonObject().put("address", "app.quotes")))));
         SockJsClient worker = new SockJsClient(port);
         SockJsClient intruder = new SockJsClient(port)) {
      JsonObject headers = new JsonObject().put("authToken", TOKEN);
      worker.write(new JsonObject().put("type", "register").put("address", "app.quotes").put("headers", headers.copy()));
      Await.eventually(WAIT, "the worker registered", () -> {
        suite.node.vertx().eventBus().publish("app.quotes", "hello");
        try {
          return worker.readAvailable();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      Future<Message<Object>> request = suite.node.vertx().eventBus().request("app.quotes", "price?");
      String replyAddress = worker.await("the request", f -> f.getString("replyAddress") != null)
        .getString("replyAddress");

      intruder.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", headers.copy())
        .put("body", "forged"));
      worker.write(new JsonObject().put("type", "send").put("address", replyAddress).put("headers", headers.copy())
        .put("body", "42"));
      assertThat(Await.await(request).body()).isEqualTo("42");
      assertThat(intruder.await("the refusal", f -> "err".equals(f.getString("type"))).getString("message"))
        .isEqualTo("forbidden: bridge rule inbound: address " + replyAddress
          + " is not the reply address of a request this client received");
    }
  }

  /** A SockJS client over a WebSocket, on a plain socket. Blocking: for the JUnit thread. */
  private static final class SockJsClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    final List<JsonObject> received = new ArrayList<>();

    SockJsClient(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout((int) WAIT.toMillis());
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
      out.write(("GET /eventbus/000/" + UUID.randomUUID().toString().substring(0, 8) + "/websocket HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      StringBuilder response = new StringBuilder();
      while (!response.toString().endsWith("\r\n\r\n")) {
        response.append((char) in.readUnsignedByte());
      }
      assertThat(response.toString()).startsWith("HTTP/1.1 101");
      assertThat(readText()).isEqualTo("o");
    }

    void write(JsonObject frame) throws IOException {
      writeMaskedText(new JsonArray().add(frame.encode()).encode());
    }

    /** Reads frames until one matches (or the socket's timeout passes). */
    JsonObject await(String what, Predicate<JsonObject> match) throws IOException {
      for (int seen = 0; ; seen++) {
        while (seen >= received.size()) {
          readFrames();
        }
        if (match.test(received.get(seen))) {
          return received.get(seen);
        }
      }
    }

    /** Reads what has arrived, if anything: true when a frame came. */
    boolean readAvailable() throws IOException {
      int before = received.size();
      while (in.available() > 0) {
        readFrames();
      }
      return received.size() > before;
    }

    private void readFrames() throws IOException {
      String text = readText();
      if (text.startsWith("a")) {
        new JsonArray(text.substring(1)).forEach(frame -> received.add(new JsonObject((String) frame)));
      }
    }

    /** A server's WebSocket text frame (unmasked, one fragment). */
    private String readText() throws IOException {
      int opcode = in.readUnsignedByte() & 0x0f;
      int length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = (int) in.readLong();
      }
      byte[] payload = new byte[length];
      in.readFully(payload);
      assertThat(opcode).as("a text frame").isEqualTo(1);
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** A client's WebSocket text frame (masked, as RFC 6455 requires of clients), under 64 KB. */
    private void writeMaskedText(String text) throws IOException {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      byte[] mask = {1, 2, 3, 4};
      out.write(0x81);
      if (payload.length < 126) {
        out.write(0x80 | payload.length);
      } else {
        out.write(0x80 | 126);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
      }
      out.write(mask);
      for (int i = 0; i < payload.length; i++) {
        out.write(payload[i] ^ mask[i % 4]);
      }
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
