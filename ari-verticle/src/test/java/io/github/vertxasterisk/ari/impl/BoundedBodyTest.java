package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

  @Test
  void anAnswerOfExactlyTheBoundIsKeptWhole() throws Exception {
    BodyStream<Buffer> body = BoundedBody.codec(10).stream();
    assertThat(body.write(Buffer.buffer("01234")).succeeded()).isTrue();
    assertThat(body.write(Buffer.buffer("56789")).succeeded()).isTrue();
    body.end();
    assertThat(body.result().result().toString()).isEqualTo("0123456789");
  }

  @Test
  void oneByteOverTheBoundFailsTheAnswerAndRefusesTheRest() throws Exception {
    BodyStream<Buffer> body = BoundedBody.codec(10).stream();
    body.write(Buffer.buffer("01234"));
    assertThat(body.write(Buffer.buffer("567890")).failed()).isTrue();
    assertThat(body.write(Buffer.buffer("x")).failed()).isTrue();
    body.end();
    assertThat(body.result().cause()).isInstanceOf(BoundedBody.TooLarge.class)
      .hasMessage("an answer larger than 10 bytes (maxResponseBytes)");
  }

  @Test
  void eachCallHasItsOwnBody() throws Exception {
    var codec = BoundedBody.codec(10);
    BodyStream<Buffer> first = codec.stream();
    first.write(Buffer.buffer("0123456789"));
    BodyStream<Buffer> second = codec.stream();
    second.write(Buffer.buffer("abc"));
    second.end();
    assertThat(second.result().result().toString()).isEqualTo("abc");
  }
}
