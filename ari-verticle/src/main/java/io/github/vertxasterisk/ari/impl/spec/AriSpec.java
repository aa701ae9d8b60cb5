package io.github.vertxasterisk.ari.impl.spec;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ARI API of one Asterisk, as its own {@code /ari/api-docs} declare it: every operation by
 * {@code <resource>.<nickname>}. Immutable, so one instance can serve every caller.
 */
public final class AriSpec {
  private final String apiVersion;
  private final Map<String, AriOperation> operations;
  private final Set<String> resources;
  private final LiteralSegments literals;

  AriSpec(String apiVersion, Map<String, AriOperation> operations) {
    this.apiVersion = apiVersion;
    this.operations = Collections.unmodifiableMap(new TreeMap<>(operations));
    Set<String> names = new TreeSet<>();
    operations.values().forEach(op -> names.add(op.resource()));
    this.resources = Collections.unmodifiableSet(names);
    this.literals = new LiteralSegments(operations.values());
  }

  /** The {@code apiVersion} of the resource listing, e.g. {@code 10.0.0}; may be null. */
  public String apiVersion() {
    return apiVersion;
  }

  /** Every operation, sorted by name. */
  public Map<String, AriOperation> operations() {
    return operations;
  }

  public Optional<AriOperation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /** The resources that declare at least one operation, e.g. {@code channels}, {@code bridges}. */
  public Set<String> resources() {
    return resources;
  }

  /**
   * Checks a call against the declaration and lays it out as HTTP.
   *
   * @param params the parameters by their declared names; {@code null} values count as absent
   * @throws AriValidationException with an {@link AriErrorCode} when the call does not fit
   */
  public PreparedRequest prepare(String operation, JsonObject params) {
    AriOperation op = operation == null ? null : operations.get(operation);
    if (op == null) {
      throw new AriValidationException(AriErrorCode.UNKNOWN_OPERATION,
          "no operation '" + operation + "' in this Asterisk's API (names are"
              + " <resource>.<nickname>, e.g. channels.originate)."
              + NameSuggester.hint(String.valueOf(operation), operations.keySet()));
    }
    return RequestBuilder.build(op, params == null ? new JsonObject() : params, literals);
  }
}
