package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.common.FailureCode;
import io.github.vertxasterisk.common.LogSafeText;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.util.Base64;

/**
 * Turns ARI's HTTP answers into what {@code AriService} replies: {@code {"status":200,"body":<JSON or
 * null>}}, or for a file {@code {"status":200,"contentType":"audio/x-wav","bodyBase64":"..."}} (base64
 * so that polyglot clients on the JSON bridges get it too). An error status fails with
 * {@code 502 asterisk-error: HTTP <status> <Asterisk's message> (<operation>)}, the status also in the
 * failure's {@code debugInfo} ({@code {"status":404,"operation":"channels.get","body":{...}}}).
 */
final class AriReplies {
  private AriReplies() {
  }

  /**
   * @param what the operation name, or {@code "<METHOD> <path>"} for raw requests
   * @param binary true when the operation declares a file answer; null to decide by Content-Type
   */
  static Future<JsonObject> reply(String what, AriHttpResponse r, Boolean binary) {
    if (!r.isSuccess()) {
      return Future.failedFuture(error(what, r));
    }
    boolean file = binary != null ? binary : !r.isEmpty() && !isJson(r.contentType());
    if (file) {
      return Future.succeededFuture(new JsonObject().put("status", r.status())
        .put("contentType", r.contentType())
        .put("bodyBase64", Base64.getEncoder().encodeToString(r.body().getBytes())));
    }
    try {
      return Future.succeededFuture(new JsonObject().put("status", r.status()).put("body", r.json()));
    } catch (DecodeException e) {
      return Future.failedFuture(asteriskError("HTTP " + r.status() + " answer to " + what
        + " is not JSON (" + LogSafeText.of(r.contentType()) + "): " + r.snippet(), what, r, r.snippet()));
    }
  }

  /** {@code 502 asterisk-error: HTTP 404 Channel not found (channels.get)}. */
  static ServiceException error(String what, AriHttpResponse r) {
    Object body;
    try {
      body = r.json();
    } catch (DecodeException e) {
      body = r.snippet();
    }
    String message = r.statusMessage();
    if (body instanceof JsonObject json) {
      // Asterisk writes {"message": ...}, except {"error": "Allocation failed"} for a bad channel tech.
      message = json.getString("message", json.getString("error", message));
    } else if (body instanceof String text && !text.isEmpty()) {
      message = message + ": " + text;
    }
    return asteriskError("HTTP " + r.status() + " " + message + " (" + what + ")", what, r, body);
  }

  /** Every asterisk-error carries the status in its debug info, a 2xx that is not JSON too. */
  private static ServiceException asteriskError(String detail, String what, AriHttpResponse r, Object body) {
    JsonObject debug = new JsonObject().put("status", r.status()).put("operation", what).put("body", body);
    return new ServiceException(FailureCode.ASTERISK_ERROR.code(), FailureCode.ASTERISK_ERROR.slug() + ": " + detail, debug);
  }

  private static boolean isJson(String contentType) {
    return contentType == null || contentType.toLowerCase().contains("json");
  }
}
