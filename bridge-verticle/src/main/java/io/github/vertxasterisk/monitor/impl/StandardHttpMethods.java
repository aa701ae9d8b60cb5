package io.github.vertxasterisk.monitor.impl;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;

/**
 * Vert.x's HTTP meters carry the request's method, which the caller chooses: any token is a method to
 * Vert.x 5, so a client of the monitor or SockJS port could make new series without end. The standard
 * methods keep their name; any other is counted as {@code other}. Only Vert.x's HTTP meters: the suite's
 * own {@code method} tags (service methods) are bounded where they are made.
 */
public final class StandardHttpMethods {
  private static final Set<String> STANDARD = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT");

  private StandardHttpMethods() {
  }

  public static MeterFilter filter() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String method = id.getTag("method");
        if (method == null || STANDARD.contains(method) || !id.getName().startsWith("vertx.http.")) {
          return id;
        }
        return id.replaceTags(Tags.of(id.getTags()).and("method", "other"));
      }
    };
  }
}
