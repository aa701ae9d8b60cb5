package io.github.vertxasterisk.ari.impl.spec;

import io.vertx.core.http.HttpMethod;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ARI operation as the server declares it, named {@code <resource>.<nickname>}. */
public final class AriOperation {
  private final String resource;
  private final String nickname;
  private final HttpMethod httpMethod;
  private final String pathTemplate;
  private final Map<String, AriParameter> parameters;
  private final String responseClass;
  private final List<AriErrorResponse> errorResponses;

  public AriOperation(String resource, String nickname, HttpMethod httpMethod, String pathTemplate,
      List<AriParameter> parameters, String responseClass, List<AriErrorResponse> errorResponses) {
    this.resource = resource;
    this.nickname = nickname;
    this.httpMethod = httpMethod;
    this.pathTemplate = pathTemplate;
    Map<String, AriParameter> byName = new LinkedHashMap<>();
    for (AriParameter p : parameters) {
      byName.put(p.name(), p);
    }
    // declaration order is kept: it orders the query string and the lists in error messages
    this.parameters = Collections.unmodifiableMap(byName);
    this.responseClass = responseClass;
    this.errorResponses = List.copyOf(errorResponses);
  }

  /** {@code <resource>.<nickname>}, e.g. {@code channels.originate}. */
  public String name() {
    return resource + "." + nickname;
  }

  public String resource() {
    return resource;
  }

  public String nickname() {
    return nickname;
  }

  public HttpMethod httpMethod() {
    return httpMethod;
  }

  /** Relative to the ARI base ({@code /ari}), e.g. {@code /channels/{channelId}/play}. */
  public String pathTemplate() {
    return pathTemplate;
  }

  /** By name, in declaration order. */
  public Map<String, AriParameter> parameters() {
    return parameters;
  }

  public String responseClass() {
    return responseClass;
  }

  public List<AriErrorResponse> errorResponses() {
    return errorResponses;
  }

  /** The answer is a file (e.g. {@code recordings.getStoredFile}), not JSON. */
  public boolean binaryResponse() {
    return "binary".equals(responseClass);
  }

  @Override
  public String toString() {
    return name() + " " + httpMethod.name() + " " + pathTemplate;
  }
}
