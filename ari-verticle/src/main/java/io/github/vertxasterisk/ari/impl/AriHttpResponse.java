package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.common.LogSafeText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/**
 * One HTTP answer from the ARI server, as received: nothing is decided about it yet.
 *
 * @param contentType the {@code Content-Type} header (Asterisk writes it {@code Content-type}), or null
 * @param body never null; empty for 204
 */
record AriHttpResponse(int status, String statusMessage, String contentType, Buffer body) {

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  boolean isEmpty() {
    return body.length() == 0;
  }

  /**
   * The body as JSON (object, array, string...), or null when empty.
   *
   * @throws DecodeException when the body is not JSON (an HTML page from a proxy, say)
   */
  Object json() {
    return isEmpty() ? null : Json.decodeValue(body);
  }

  /** The start of the body as text, for error messages and logs: a page can be long, and is the peer's. */
  String snippet() {
    return LogSafeText.of(body.toString().replaceAll("\\s+", " ").trim(), 120);
  }
}
