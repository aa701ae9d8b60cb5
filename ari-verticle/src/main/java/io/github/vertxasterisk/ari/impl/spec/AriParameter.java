package io.github.vertxasterisk.ari.impl.spec;

import java.util.List;

/**
 * One declared parameter of an ARI operation.
 *
 * @param allowedValues the {@code LIST} allowable values, empty when any value is allowed
 * @param min the {@code RANGE} lower bound, or {@code null}
 * @param max the {@code RANGE} upper bound, or {@code null}
 * @param defaultValue the declared default as text, or {@code null}; informative only: Asterisk
 *     applies its defaults itself, so the client never sends them
 */
public record AriParameter(
    String name,
    ParamType paramType,
    boolean required,
    String dataType,
    boolean allowMultiple,
    List<String> allowedValues,
    Long min,
    Long max,
    String defaultValue) {

  public AriParameter {
    allowedValues = List.copyOf(allowedValues);
  }

  /** {@code "query string"}, {@code "path string"}: how error messages describe a parameter. */
  String describe() {
    return paramType.name().toLowerCase() + " " + dataType + (allowMultiple ? " list" : "");
  }
}
