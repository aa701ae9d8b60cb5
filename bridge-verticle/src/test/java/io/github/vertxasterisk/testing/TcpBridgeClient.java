package io.github.vertxasterisk.testing;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A raw client of the TCP event-bus bridge, written from the wire format alone: each frame is a 4-byte
 * big-endian length followed by that many bytes of UTF-8 JSON. Blocking: for the JUnit thread.
 */
public final class TcpBridgeClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  /** Every frame read so far, in order. */
  public final List<JsonObject> received = new ArrayList<>();

  public TcpBridgeClient(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /** Over a socket the caller opened (a TLS socket, for instance). */
  public TcpBridgeClient(Socket socket) throws IOException {
    this.socket = socket;
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  public void write(JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
  }

  /** Bytes as they are, for frames the wire format does not allow. */
  public void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads frames until one matches; fails after {@code within}. */
  public JsonObject await(Duration within, String what, Predicate<JsonObject> match) throws IOException {
    for (JsonObject seen : received) {
      if (match.test(seen)) {
        return seen;
      }
    }
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no frame " + what + " within " + within + "; got " + received);
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      JsonObject frame;
      try {
        int length = in.readInt();
        byte[] json = new byte[length];
        in.readFully(json);
        frame = new JsonObject(new String(json, StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        continue;
      }
      received.add(frame);
      if (match.test(frame)) {
        return frame;
      }
    }
  }

  /** Reads and drops everything until the peer closes the connection: true when it did within {@code within}. */
  public boolean readToEnd(Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] sink = new byte[64 * 1024];
    socket.setSoTimeout(200);
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // nothing yet: the peer has not closed
      } catch (java.net.SocketException reset) {
        return true; // closed with data unread on its side: a reset
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
