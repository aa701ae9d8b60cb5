package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.api.AriService;
import io.github.vertxasterisk.ari.impl.spec.AriOperation;
import io.github.vertxasterisk.ari.impl.spec.AriParameter;
import io.github.vertxasterisk.ari.impl.spec.AriSpec;
import io.github.vertxasterisk.ari.impl.spec.AriValidationException;
import io.github.vertxasterisk.ari.impl.spec.PreparedRequest;
import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * {@link AriService} on top of the session: validates each call against the API the connected
 * Asterisk declares before anything is sent (a bad call costs Asterisk nothing), then maps the HTTP
 * answer with {@link AriReplies}. The typed helpers are {@link #invoke} calls with fixed names.
 */
public final class AriServiceImpl implements AriService {
  private static final Set<HttpMethod> RAW_METHODS = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);
  /** A raw path: '/'-separated segments of URL characters, no query, fragment or dot segments. */
  private static final Pattern RAW_PATH = Pattern.compile("(/[A-Za-z0-9\\-._~%!$&'()*+,;=:@]+)+/?");

  private final AriSession session;

  AriServiceImpl(AriSession session) {
    this.session = session;
  }

  @Override
  public Future<JsonObject> invoke(String operation, JsonObject params) {
    return session.spec().compose(spec -> {
      PreparedRequest prepared;
      try {
        prepared = spec.prepare(operation, params);
      } catch (AriValidationException e) {
        return Future.failedFuture(e.toReplyException());
      }
      return session.call(prepared.method(), prepared.path(), prepared.query(), prepared.body())
        .compose(r -> AriReplies.reply(prepared.operation(), r, prepared.binaryResponse()));
    });
  }

  @Override
  public Future<JsonObject> request(String method, String path, JsonObject query, JsonObject body) {
    // matched by name: HttpMethod.valueOf throws on a space or control character
    String name = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
    HttpMethod httpMethod = RAW_METHODS.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    if (httpMethod == null) {
      return badRequest("method must be GET, POST, PUT or DELETE, got '" + method + "'");
    }
    if (path == null || !RAW_PATH.matcher(path).matches() || path.contains("/../") || path.contains("/./")
      || path.endsWith("/..") || path.endsWith("/.")) {
      return badRequest("path must be relative to the ARI base and start with '/', e.g. /channels/abc/answer,"
        + " without query string, got '" + path + "'");
    }
    Map<String, String> queryText = new LinkedHashMap<>();
    if (query != null) {
      for (Map.Entry<String, Object> e : query) {
        String text = queryText(e.getValue());
        if (text == null) {
          return badRequest("query value '" + e.getKey() + "' must be text, a number, a boolean or an array of those");
        }
        if (!text.isEmpty() || e.getValue() instanceof String) {
          queryText.put(e.getKey(), text);
        }
      }
    }
    String what = httpMethod.name() + " " + path;
    // In a URL path '+' is a plus, but Asterisk decodes it as a space (legacy form decoding)
    String wirePath = path.replace("+", "%2B");
    return session.call(httpMethod, wirePath, queryText, body).compose(r -> AriReplies.reply(what, r, null));
  }

  /** @return the query text, "" for null, or null when the value cannot be a query value */
  private static String queryText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonArray array) {
      StringJoiner joined = new StringJoiner(",");
      for (Object item : array) {
        if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
          return null;
        }
        joined.add(item.toString());
      }
      return joined.toString();
    }
    return null;
  }

  @Override
  public Future<JsonObject> info() {
    return Future.succeededFuture(session.info());
  }

  @Override
  public Future<JsonObject> operations() {
    return session.spec().map(AriServiceImpl::describe);
  }

  private static JsonObject describe(AriSpec spec) {
    JsonArray operations = new JsonArray();
    for (AriOperation op : spec.operations().values()) {
      JsonArray parameters = new JsonArray();
      for (AriParameter p : op.parameters().values()) {
        parameters.add(new JsonObject().put("name", p.name()).put("in", p.paramType().name().toLowerCase())
          .put("required", p.required()).put("type", p.dataType()).put("allowMultiple", p.allowMultiple())
          .put("allowedValues", new JsonArray(p.allowedValues())));
      }
      operations.add(new JsonObject().put("name", op.name()).put("method", op.httpMethod().name())
        .put("path", op.pathTemplate()).put("binary", op.binaryResponse()).put("parameters", parameters));
    }
    return new JsonObject().put("apiVersion", spec.apiVersion()).put("operations", operations);
  }

  @Override
  public Future<JsonObject> originate(JsonObject params) {
    return resource("channels.originate", copyOf(params));
  }

  @Override
  public Future<Void> answer(String channelId) {
    return done("channels.answer", new JsonObject().put("channelId", channelId));
  }

  @Override
  public Future<Void> hangup(String channelId, String reason) {
    return done("channels.hangup", new JsonObject().put("channelId", channelId).put("reason", reason));
  }

  @Override
  public Future<JsonObject> play(String channelId, String media, String playbackId) {
    return resource("channels.play", new JsonObject().put("channelId", channelId).put("media", media)
      .put("playbackId", playbackId));
  }

  @Override
  public Future<JsonObject> record(String channelId, JsonObject params) {
    return resource("channels.record", with(params, "channelId", channelId));
  }

  @Override
  public Future<JsonObject> snoop(String channelId, JsonObject params) {
    return resource("channels.snoopChannel", with(params, "channelId", channelId));
  }

  @Override
  public Future<JsonObject> externalMedia(JsonObject params) {
    return resource("channels.externalMedia", copyOf(params));
  }

  @Override
  public Future<Void> dial(String channelId, JsonObject params) {
    return done("channels.dial", with(params, "channelId", channelId));
  }

  @Override
  public Future<JsonObject> createBridge(String bridgeId, String type) {
    return resource("bridges.create", new JsonObject().put("bridgeId", bridgeId).put("type", type));
  }

  @Override
  public Future<Void> addChannel(String bridgeId, String channelId) {
    return done("bridges.addChannel", new JsonObject().put("bridgeId", bridgeId).put("channel", channelId));
  }

  @Override
  public Future<Void> removeChannel(String bridgeId, String channelId) {
    return done("bridges.removeChannel", new JsonObject().put("bridgeId", bridgeId).put("channel", channelId));
  }

  @Override
  public Future<Void> destroyBridge(String bridgeId) {
    return done("bridges.destroy", new JsonObject().put("bridgeId", bridgeId));
  }

  @Override
  public Future<Void> stopPlayback(String playbackId) {
    return done("playbacks.stop", new JsonObject().put("playbackId", playbackId));
  }

  @Override
  public Future<Void> controlPlayback(String playbackId, String operation) {
    return done("playbacks.control", new JsonObject().put("playbackId", playbackId).put("operation", operation));
  }

  @Override
  public Future<Buffer> storedRecordingFile(String recordingName) {
    return invoke("recordings.getStoredFile", new JsonObject().put("recordingName", recordingName))
      .map(reply -> Buffer.buffer(Base64.getDecoder().decode(reply.getString("bodyBase64"))));
  }

  @Override
  public Future<String> getVar(String channelId, String variable) {
    Future<JsonObject> value = channelId == null
      ? resource("asterisk.getGlobalVar", new JsonObject().put("variable", variable))
      : resource("channels.getChannelVar", new JsonObject().put("channelId", channelId).put("variable", variable));
    return value.map(v -> v == null ? null : v.getString("value"));
  }

  @Override
  public Future<Void> setVar(String channelId, String variable, String value) {
    return channelId == null
      ? done("asterisk.setGlobalVar", new JsonObject().put("variable", variable).put("value", value))
      : done("channels.setChannelVar", new JsonObject().put("channelId", channelId).put("variable", variable)
        .put("value", value));
  }

  /** The params with one parameter set by the helper's own argument (it wins over the map). */
  private static JsonObject with(JsonObject params, String key, Object value) {
    return copyOf(params).put(key, value);
  }

  /** The caller's parameters are never modified: operations add path values to a copy. */
  private static JsonObject copyOf(JsonObject params) {
    return params == null ? new JsonObject() : params.copy();
  }

  /** An operation that answers with a resource: reply the resource. */
  private Future<JsonObject> resource(String operation, JsonObject params) {
    return invoke(operation, params).map(reply -> reply.getValue("body") instanceof JsonObject o ? o : null);
  }

  /** An operation that answers 204. */
  private Future<Void> done(String operation, JsonObject params) {
    return invoke(operation, params).mapEmpty();
  }

  private static <T> Future<T> badRequest(String detail) {
    return Future.failedFuture(FailureCode.BAD_REQUEST.exception(detail));
  }
}
