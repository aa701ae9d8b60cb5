package io.github.vertxasterisk.ami.impl;

/** The meaning of OriginateResponse's {@code Reason} (Asterisk's AST_CONTROL_* codes). */
final class OriginateReason {
  private OriginateReason() {
  }

  static String describe(String reason) {
    if (reason == null) {
      return "no reason given";
    }
    switch (reason.trim()) {
      case "0": return "failed: no such extension, or the channel could not be created";
      case "1": return "hung up";
      case "3": return "no answer (ring timeout)";
      case "4": return "answered";
      case "5": return "busy";
      case "8": return "congestion";
      default: return "code " + reason;
    }
  }
}
