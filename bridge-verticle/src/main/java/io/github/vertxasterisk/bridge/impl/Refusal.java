package io.github.vertxasterisk.bridge.impl;

import io.github.vertxasterisk.common.FailureCode;

/** Why a bridge frame was refused: the config rule that refused it and a sentence for the client. */
public record Refusal(String rule, String detail) {

  /** {@code "forbidden: bridge rule <rule>: <detail>"}, the message the client receives (code 403). */
  public String message() {
    return FailureCode.FORBIDDEN.slug() + ": " + problem();
  }

  /** The message without its slug: {@code "bridge rule <rule>: <detail>"}. */
  String problem() {
    return "bridge rule " + rule + ": " + detail;
  }
}
