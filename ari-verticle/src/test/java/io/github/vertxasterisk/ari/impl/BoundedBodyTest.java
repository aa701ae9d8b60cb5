package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private static final long IN_A_DAY = System.nanoTime() + TimeUnit.DAYS.toNanos(1);

  @Test
  void anAnswerOfExactlyTheBoundIsKeptWhole() throws Exception {
    BodyStream<Buffer> body = BoundedBody.codec(10, IN_A_DAY).stream();
    assertThat(body.write(Buffer.buffer("01234")).succeeded()).isTrue();
    assertThat(body.write(Buffer.buffer("56789")).succeeded()).isTrue();
    body.end();
    assertThat(body.result().result().toString()).isEqualTo("0123456789");
  }

  @Test
  void oneByteOverTheBoundFailsTheAnswerAndRefusesTheRest() throws Exception {
    BodyStream<Buffer> body = BoundedBody.codec(10, IN_A_DAY).stream();
    body.write(Buffer.buffer("01234"));
    assertThat(body.write(Buffer.buffer("567890")).failed()).isTrue();
    assertThat(body.write(Buffer.buffer("x")).failed()).isTrue();
    body.end();
    assertThat(body.result().cause()).isInstanceOf(BoundedBody.TooLarge.class)
      .hasMessage("an answer larger than 10 bytes (maxResponseBytes)");
  }

  @Test
  void eachCallHasItsOwnBody() throws Exception {
    var codec = BoundedBody.codec(10, IN_A_DAY);
    BodyStream<Buffer> first = codec.stream();
    first.write(Buffer.buffer("0123456789"));
    BodyStream<Buffer> second = codec.stream();
    second.write(Buffer.buffer("abc"));
    second.end();
    assertThat(second.result().result().toString()).isEqualTo("abc");
  }

  @Test
  void dataAfterTheDeadlineFailsTheAnswer() throws Exception {
    BodyStream<Buffer> body = BoundedBody.codec(10, System.nanoTime() - 1).stream();
    assertThat(body.write(Buffer.buffer("0")).failed()).isTrue();
    body.end();
    assertThat(body.result().cause()).isInstanceOf(BoundedBody.TooLate.class);
  }
}
