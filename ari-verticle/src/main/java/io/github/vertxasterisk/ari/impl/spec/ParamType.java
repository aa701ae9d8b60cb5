package io.github.vertxasterisk.ari.impl.spec;

/** Where a parameter travels in the HTTP request, as Swagger 1.1's {@code paramType} says. */
public enum ParamType {
  PATH,
  QUERY,
  BODY;

  /**
   * Asterisk declares only path, query and body. Anything else (a future or foreign declaration) is
   * read as query: ARI reads every non-path, non-body parameter from the query string.
   */
  static ParamType of(String paramType) {
    if ("path".equals(paramType)) {
      return PATH;
    }
    return "body".equals(paramType) ? BODY : QUERY;
  }
}
