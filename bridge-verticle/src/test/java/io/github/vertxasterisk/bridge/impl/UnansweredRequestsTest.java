package io.github.vertxasterisk.bridge.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameHelper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests are recognised in the frames Vert.x's own bridge code writes, whatever their address holds. */
class UnansweredRequestsTest {

  /** What Vert.x's TCP bridge writes for a message to its client, captured. */
  private static Buffer written(String address, String replyAddress, Object body) {
    List<Buffer> out = new ArrayList<>();
    FrameHelper.sendFrame("message", address, replyAddress, new JsonObject().put("h", "v"), true, body, new Capture(out));
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  @Test
  void aRequestsReplyAddressIsFoundAndAPublishedMessageHasNone() {
    assertThat(UnansweredRequests.replyAddressOf(written("app.q", "__vertx.reply.42", "hi"))).isEqualTo("__vertx.reply.42");
    assertThat(UnansweredRequests.replyAddressOf(written("app.q", null, new JsonObject().put("replyAddress", "x"))))
      .isNull();
    // an address that spells the field out is escaped on the wire and does not fool the search
    String tricky = "app.\",\"replyAddress\":\"__vertx.reply.fake";
    assertThat(UnansweredRequests.replyAddressOf(written(tricky, null, 1))).isNull();
    assertThat(UnansweredRequests.replyAddressOf(written(tricky, "__vertx.reply.7", 1))).isEqualTo("__vertx.reply.7");
    assertThat(UnansweredRequests.replyAddressOf(written("app." + "é".repeat(196), "__vertx.reply.8", 1)))
      .isEqualTo("__vertx.reply.8");
    // a published message's headers and body may hold a field of that name: it is not the frame's
    JsonObject body = new JsonObject().put("Event", "UserEvent").put("replyAddress", "app.victim");
    assertThat(UnansweredRequests.replyAddressOf(written("app.q", null, body))).isNull();
    List<Buffer> out = new ArrayList<>();
    FrameHelper.sendFrame("message", "app.q", null, new JsonObject().put("replyAddress", "app.victim"), false, "x",
      new Capture(out));
    assertThat(UnansweredRequests.replyAddressOf(out.get(0))).isNull();
  }

  @Test
  void answeredAndOverdueRequestsStopCountingTheirBytes() {
    UnansweredRequests open = new UnansweredRequests();
    Buffer first = written("app.q", "r1", "x".repeat(100));
    Buffer second = written("app.q", "r2", "y".repeat(200));
    assertThat(open.sent(first, 1_000)).isEqualTo(first.length());
    assertThat(open.sent(written("app.q", null, "event"), 1_500)).isEqualTo(first.length());
    assertThat(open.sent(second, 2_000)).isEqualTo(first.length() + second.length());
    open.answered("r1");
    open.answered("r1"); // twice: counted once
    assertThat(open.sent(written("app.q", null, "event"), 2_500)).isEqualTo(second.length());
    assertThat(open.takeOverdue(2_999, 1_000)).isEmpty();
    assertThat(open.takeOverdue(Long.MAX_VALUE, Long.MAX_VALUE)).isEmpty(); // a huge timeout never passes
    assertThat(open.takeOverdue(3_000, 1_000)).containsExactly("r2");
    assertThat(open.sent(written("app.q", null, "event"), 3_000)).isZero();
  }

  private record Capture(List<Buffer> out) implements WriteStream<Buffer> {
    @Override
    public Future<Void> write(Buffer data) {
      out.add(data);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      return this;
    }
  }
}
