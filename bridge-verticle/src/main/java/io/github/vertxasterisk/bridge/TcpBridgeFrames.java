package io.github.vertxasterisk.bridge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The TCP event-bus bridge's framing, both ways: a 4-byte big-endian length, then that many bytes of
 * UTF-8 JSON. For the node's own writes and for clients of a bridge the node trusts (the CLI, the
 * benchmark); frames from unknown clients are read by the bridge's gate, which bounds them.
 */
public final class TcpBridgeFrames {
  private TcpBridgeFrames() {
  }

  public static Buffer encode(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(4 + json.length).appendInt(json.length).appendBytes(json);
  }

  /** A socket handler that hands each complete frame, decoded, to {@code onFrame}. */
  public static Handler<Buffer> decoder(Consumer<JsonObject> onFrame) {
    RecordParser frames = RecordParser.newFixed(4);
    int[] length = {-1};
    frames.handler(chunk -> {
      if (length[0] < 0) {
        length[0] = chunk.getInt(0);
        frames.fixedSizeMode(length[0]);
      } else {
        length[0] = -1;
        frames.fixedSizeMode(4);
        onFrame.accept(new JsonObject(chunk.toString(StandardCharsets.UTF_8)));
      }
    });
    return frames;
  }
}
