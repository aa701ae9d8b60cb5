package io.github.vertxasterisk.ari.impl.spec;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated ARI call, ready for the HTTP client.
 *
 * @param operation the operation's name, e.g. {@code channels.play}
 * @param path relative to the ARI base ({@code /ari}), path parameters substituted and
 *     percent-encoded, e.g. {@code /channels/1795417224.172/play}
 * @param query query parameters, NOT encoded (the HTTP client encodes them); a list value is one
 *     comma-separated string, the ARI convention ({@code media=sound:a,sound:b})
 * @param body the JSON body, or {@code null} when the call has none
 * @param binaryResponse the answer is a file, not JSON
 */
public record PreparedRequest(
    String operation,
    HttpMethod method,
    String path,
    Map<String, String> query,
    JsonObject body,
    boolean binaryResponse) {

  public PreparedRequest {
    query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
  }
}
