package io.github.vertxasterisk.ari.impl.spec;

import io.github.vertxasterisk.ari.api.AriErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates the parameters of one call against its operation and lays them out as HTTP. */
final class RequestBuilder {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  private RequestBuilder() {
  }

  static PreparedRequest build(AriOperation op, JsonObject params, LiteralSegments literals) {
    // unknown names first: a typo in an optional parameter would otherwise be dropped silently
    for (String name : params.fieldNames()) {
      if (!op.parameters().containsKey(name)) {
        throw unknownParameter(op, name);
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    JsonObject body = null;
    for (AriParameter p : op.parameters().values()) {
      Object value = params.getValue(p.name());
      if (isAbsent(p, value)) {
        // a path parameter is needed to build the path even where Asterisk declares it optional
        if (p.required() || p.paramType() == ParamType.PATH) {
          throw new AriValidationException(AriErrorCode.MISSING_PARAMETER,
              op.name() + " needs parameter '" + p.name() + "' (" + p.describe() + ")");
        }
        continue;
      }
      if (p.paramType() == ParamType.QUERY) {
        query.put(p.name(), ValueConverter.toText(op, p, value));
      } else if (p.paramType() == ParamType.BODY) {
        body = addToBody(body, op, p, value);
      }
    }
    return new PreparedRequest(op.name(), op.httpMethod(), path(op, params, literals), query, body,
        op.binaryResponse());
  }

  private static boolean isAbsent(AriParameter p, Object value) {
    return value == null
        || (p.paramType() != ParamType.BODY && value instanceof JsonArray a && a.isEmpty())
        // an empty segment ends Asterisk's routing: POST /channels/ would be an originate
        || (p.paramType() == ParamType.PATH && "".equals(value));
  }

  /**
   * ARI's body is an object: a {@code containers} parameter is one key of it
   * ({@code {"variables": {...}}}), while an {@code object} parameter is the body itself
   * ({@code applications.filter} takes {@code {"allowed": [...]}} as the whole body).
   */
  private static JsonObject addToBody(JsonObject body, AriOperation op, AriParameter p,
      Object value) {
    JsonObject target = body == null ? new JsonObject() : body;
    Object converted = ValueConverter.toBodyValue(op, p, value);
    if ("object".equals(p.dataType())) {
      return target.mergeIn((JsonObject) converted);
    }
    return target.put(p.name(), converted);
  }

  private static String path(AriOperation op, JsonObject params, LiteralSegments literals) {
    Matcher m = PLACEHOLDER.matcher(op.pathTemplate());
    StringBuilder sb = new StringBuilder(op.pathTemplate().length() + 32);
    while (m.find()) {
      AriParameter p = op.parameters().get(m.group(1));
      String text = ValueConverter.toText(op, p, params.getValue(p.name()));
      String prefix = op.pathTemplate().substring(0, m.start());
      if (text.equals(".") || text.equals("..") || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        // Asterisk's C strings end at a NUL (create%00 is create), and a proxy on the way may fold
        // dot segments (POST /channels/. would be an originate)
        throw new AriValidationException(AriErrorCode.INVALID_VALUE,
            op.name() + " parameter '" + p.name() + "' cannot be a dot segment or hold control characters");
      }
      if (literals.isLiteralAfter(prefix, text)) {
        // Asterisk would run another operation (POST /channels/create) or find none
        throw new AriValidationException(AriErrorCode.INVALID_VALUE,
            op.name() + " parameter '" + p.name() + "' cannot be '" + text + "': Asterisk reads "
                + prefix + text + " as another operation's path, not as a " + p.name());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(PathEncoder.encodeSegment(text)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static AriValidationException unknownParameter(AriOperation op, String name) {
    String known = op.parameters().isEmpty()
        ? " It takes no parameters."
        : " Its parameters: " + String.join(", ", op.parameters().keySet()) + ".";
    return new AriValidationException(AriErrorCode.UNKNOWN_PARAMETER,
        op.name() + " has no parameter '" + name + "'."
            + NameSuggester.hint(name, op.parameters().keySet()) + known);
  }
}
