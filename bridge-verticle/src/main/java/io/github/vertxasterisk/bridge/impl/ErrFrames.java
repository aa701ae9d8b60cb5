package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.json.JsonObject;

/**
 * The {@code err} frame the suite answers a bridge client with: the same fields as Vert.x's own for a
 * failed request ({@code failureCode}, {@code failureType}, {@code message}), the message starting with
 * the code's slug as every reply of the suite does.
 */
final class ErrFrames {
  private ErrFrames() {
  }

  /**
   * @param address where the client expects the answer (a {@code replyAddress}, the address it tried to
   *     register), or null
   * @param problem what was wrong, after the slug
   */
  static JsonObject of(FailureCode code, String address, String problem) {
    JsonObject err = new JsonObject().put("type", "err");
    if (address != null) {
      err.put("address", address);
    }
    return err.put("failureCode", code.code()).put("failureType", "RECIPIENT_FAILURE")
      .put("message", code.slug() + ": " + problem);
  }
}
