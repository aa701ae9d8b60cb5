package io.github.vertxasterisk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A SockJS client over a WebSocket, on a plain socket, speaking as {@code @vertx/eventbus-bridge-client.js}
 * does: it sends a JSON array of frames, each JSON-encoded as a string; the server sends {@code o} on open,
 * then {@code a[...]} likewise, and {@code c[code,"reason"]} when it closes the session. Blocking: for the
 * JUnit thread.
 */
public final class SockJsClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  public final List<JsonObject> received = new ArrayList<>();
  private boolean closedByServer;

  /** @param wait how long a read waits before the test fails */
  public SockJsClient(int port, Duration wait) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) wait.toMillis());
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

  public void write(JsonObject frame) throws IOException {
    writeMaskedText(new JsonArray().add(frame.encode()).encode());
  }

  /** Reads frames until one matches (or the socket's timeout passes). */
  public JsonObject await(String what, Predicate<JsonObject> match) throws IOException {
    for (int seen = 0; ; seen++) {
      while (seen >= received.size()) {
        if (closedByServer) {
          throw new AssertionError("the server closed the session before " + what + "; received " + received);
        }
        readFrames();
      }
      if (match.test(received.get(seen))) {
        return received.get(seen);
      }
    }
  }

  /** Reads what has arrived, if anything: true when a frame came. */
  public boolean readAvailable() throws IOException {
    int before = received.size();
    while (in.available() > 0 && !closedByServer) {
      readFrames();
    }
    return received.size() > before;
  }

  /** Reads until the server closes the session (its {@code c} frame, a WebSocket close or the end of the stream). */
  public boolean readToClose() throws IOException {
    try {
      while (!closedByServer) {
        readFrames();
      }
    } catch (EOFException | SocketException ended) {
      closedByServer = true;
    }
    return true;
  }

  private void readFrames() throws IOException {
    String text = readText();
    if (text == null || text.startsWith("c")) {
      closedByServer = true;
    } else if (text.startsWith("a")) {
      new JsonArray(text.substring(1)).forEach(frame -> received.add(new JsonObject((String) frame)));
    }
  }

  /** A server's WebSocket frame (unmasked, one fragment): its text, or null for a close frame. */
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
    if (opcode == 8) {
      return null;
    }
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
