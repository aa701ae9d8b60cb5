package io.github.vertxasterisk.ari.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * request() promises 400 bad-request for a malformed method ("nothing sent"). A method with a space or
 * control character must get that too, not an exception thrown out of the service (which the proxy turns
 * into a generic 500 without the bad-request slug).
 */
class RawRequestMethodTest {

  @Test
  void anEmptyMethodIsABadRequest() {
    // Set.of(...).contains(null) throws: the blank-method check itself ended in a NullPointerException
    Future<JsonObject> reply;
    try {
      reply = new AriServiceImpl(null).request("", "/channels", null, null);
    } catch (RuntimeException e) {
      throw new AssertionError("request() threw instead of failing with bad-request: " + e, e);
    }
    assertThat(FailureCode.of(reply.cause())).isEqualTo(FailureCode.BAD_REQUEST);
  }

  @Test
  void aMethodWithASpaceIsABadRequest() {
    AriServiceImpl service = new AriServiceImpl(null); // refused before the session is used
    Future<JsonObject> reply;
    try {
      reply = service.request("GET /channels", "/channels", null, null);
    } catch (RuntimeException e) {
      throw new AssertionError("request() threw instead of failing with bad-request: " + e, e);
    }
    assertThat(reply.failed()).isTrue();
    assertThat(FailureCode.of(reply.cause())).isEqualTo(FailureCode.BAD_REQUEST);
  }
}
