package io.github.vertxasterisk.common;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.serviceproxy.ServiceException;

/**
 * A stable failure code a service replies with: {@link FailureCode} for the whole suite, and a
 * module's own family beside it (ARI's validation codes). A failed call reaches the caller as a
 * {@link ReplyException} whose {@code failureCode()} is {@link #code()} and whose message starts with
 * {@link #slug()}. Codes are part of the public contract: never renumber.
 */
public interface ReplyCode {
  int code();

  String slug();

  /**
   * A reply failure with this code, message {@code "<slug>: <detail>"}. A {@link ServiceException}
   * (a ReplyException) because service proxies pass only that type on with its code intact.
   */
  default ServiceException exception(String detail) {
    return new ServiceException(code(), slug() + ": " + detail);
  }

  /** The code among {@code codes} that a failure carries, or {@code null}. */
  static <C extends ReplyCode> C find(C[] codes, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      for (C code : codes) {
        if (code.code() == reply.failureCode()) {
          return code;
        }
      }
    }
    return null;
  }
}
