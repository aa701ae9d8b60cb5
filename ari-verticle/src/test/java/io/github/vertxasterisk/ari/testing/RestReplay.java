package io.github.vertxasterisk.ari.testing;

import io.github.vertxasterisk.ari.impl.spec.AriOperation;
import io.github.vertxasterisk.ari.impl.spec.AriParameter;
import io.github.vertxasterisk.ari.impl.spec.AriSpec;
import io.github.vertxasterisk.ari.impl.spec.ParamType;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a recorded REST exchange back into an operation call: which operation the request was
 * (matched by method and path template, literal segments winning over placeholders), and its
 * parameters (path values, decoded query values, body keys).
 */
public final class RestReplay {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  /** The operation and parameters of a request; {@code query} is the decoded query string. */
  public record Call(AriOperation operation, JsonObject params, String path,
      Map<String, String> query, JsonObject body) {
  }

  private RestReplay() {
  }

  /** Null when no operation of the spec matches, or the recorded body is not JSON. */
  public static Call of(AriSpec spec, JsonObject exchange) {
    String full = exchange.getString("path").substring("/ari".length());
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    Map<String, String> query = decodeQuery(q < 0 ? "" : full.substring(q + 1));
    query.remove("api_key"); // authentication, not an operation parameter
    JsonObject body;
    try {
      String text = exchange.getString("request_body");
      body = text == null ? null : new JsonObject(text);
    } catch (DecodeException e) {
      return null;
    }
    List<AriOperation> candidates = new ArrayList<>();
    for (AriOperation op : spec.operations().values()) {
      if (op.httpMethod().name().equals(exchange.getString("method"))
          && regex(op.pathTemplate()).matcher(path).matches()) {
        candidates.add(op);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    candidates.sort(Comparator.comparingInt(op -> placeholders(op.pathTemplate())));
    AriOperation op = candidates.get(0);
    JsonObject params = new JsonObject();
    Matcher m = regex(op.pathTemplate()).matcher(path);
    m.matches();
    Matcher names = PLACEHOLDER.matcher(op.pathTemplate());
    for (int i = 1; names.find(); i++) {
      params.put(names.group(1), URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
    }
    query.forEach(params::put);
    if (body != null) {
      for (AriParameter p : op.parameters().values()) {
        if (p.paramType() == ParamType.BODY) {
          params.put(p.name(), "object".equals(p.dataType()) ? body : body.getValue(p.name()));
        }
      }
    }
    return new Call(op, params, path, query, body);
  }

  private static Pattern regex(String template) {
    StringBuilder sb = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      sb.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      last = m.end();
    }
    sb.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(sb.toString());
  }

  private static int placeholders(String template) {
    return (int) PLACEHOLDER.matcher(template).results().count();
  }

  private static Map<String, String> decodeQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        out.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
