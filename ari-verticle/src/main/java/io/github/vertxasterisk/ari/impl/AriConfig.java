package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.ari.api.AriAddresses;
import io.github.vertxasterisk.common.ConfigValues;
import io.github.vertxasterisk.common.cluster.HolderOptions;
import io.github.vertxasterisk.common.PbxId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The ARI verticle's configuration, read once at deployment. Shape (defaults in brackets):
 *
 * <pre>
 * { "prefix": "asterisk", "node": "&lt;node id&gt;",
 *   "holder": { "pollMs": 500, "leaseMs": 4000, "rebalance": true },
 *   "pbx": { "id": "pbx1",
 *     "ari": { "url": "http://127.0.0.1:8088/ari"   (or "host" [127.0.0.1], "port" [8088], "tls" [false]),
 *              "tlsTrustAll": false, "username": "asterisk", "password": "...",
 *              "apps": ["demo-app"], "subscribeAll": false,
 *              "requestTimeoutMs": 10000, "connectTimeoutMs": 5000,
 *              "pingIntervalMs": 15000, "pingTimeoutMs": 5000,
 *              "reconnectInitialMs": 500, "reconnectMaxMs": 30000, "authFailedDelayMs": 60000,
 *              "maxEventBytes": 4194304, "maxResponseBytes": 16777216 } } }
 * </pre>
 *
 * {@code url} wins over host/port/tls; its path is the ARI base, trailing slashes ignored (none left, as in
 * {@code http://host:8088/}, means {@code /ari}). The password is held here only: {@link #toString()}, logs
 * and status messages never show it.
 */
public final class AriConfig {
  private static final String DEFAULT_BASE_PATH = "/ari";
  final String prefix;
  final String node;
  final String pbx;
  final String host;
  final int port;
  final boolean tls;
  final boolean tlsTrustAll;
  /** The ARI base path without trailing slash, e.g. {@code /ari}. */
  final String basePath;
  final String username;
  final String password;
  final List<String> apps;
  final boolean subscribeAll;
  final long requestTimeoutMs;
  final long connectTimeoutMs;
  final long pingIntervalMs;
  final long pingTimeoutMs;
  final long reconnectInitialMs;
  final long reconnectMaxMs;
  final long authFailedDelayMs;
  final int maxEventBytes;
  final int maxResponseBytes;
  final HolderOptions holder;

  private AriConfig(JsonObject root) {
    JsonObject pbxJson = ConfigValues.requiredObject(root, "pbx");
    JsonObject ari = ConfigValues.requiredObject(pbxJson, "ari");
    prefix = root.getString("prefix", AriAddresses.DEFAULT_PREFIX);
    node = root.getString("node", "node");
    pbx = PbxId.require(pbxJson.getString("id"));
    String url = ari.getString("url");
    if (url != null) {
      URI uri = parseUrl(url);
      tls = uri.getScheme().equals("https");
      host = uri.getHost();
      port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
      basePath = basePath(uri.getRawPath()); // as written: the decoded path is no valid request path
    } else {
      tls = ConfigValues.flag(ari, "pbx.ari", "tls", false);
      host = ari.getString("host", "127.0.0.1");
      if (host.indexOf('@') >= 0) {
        // it would be shown in every "url" (info, .status, errors): never quote it
        throw new IllegalArgumentException("pbx.ari.host must be a host name or address, without credentials: use username/password");
      }
      port = ConfigValues.wholeInt(ari, "pbx.ari", "port", 8088);
      basePath = DEFAULT_BASE_PATH;
    }
    tlsTrustAll = ConfigValues.flag(ari, "pbx.ari", "tlsTrustAll", false);
    username = ConfigValues.requiredString(ari, "pbx.ari", "username");
    password = ConfigValues.requiredString(ari, "pbx.ari", "password");
    JsonArray appList = ConfigValues.array(ari, "pbx.ari", "apps");
    apps = (appList == null ? new JsonArray() : appList).stream().map(String::valueOf).toList();
    if (apps.isEmpty() || apps.stream().anyMatch(a -> a.isBlank() || a.contains(","))) {
      throw new IllegalArgumentException(
        "pbx.ari.apps needs at least one Stasis application name (no ','), got " + apps);
    }
    subscribeAll = ConfigValues.flag(ari, "pbx.ari", "subscribeAll", false);
    requestTimeoutMs = ConfigValues.positive(ari, "pbx.ari", "requestTimeoutMs", 10_000);
    connectTimeoutMs = ConfigValues.positive(ari, "pbx.ari", "connectTimeoutMs", 5_000);
    pingIntervalMs = ConfigValues.positive(ari, "pbx.ari", "pingIntervalMs", 15_000);
    pingTimeoutMs = ConfigValues.positive(ari, "pbx.ari", "pingTimeoutMs", 5_000);
    reconnectInitialMs = ConfigValues.positive(ari, "pbx.ari", "reconnectInitialMs", 500);
    reconnectMaxMs = ConfigValues.positive(ari, "pbx.ari", "reconnectMaxMs", 30_000);
    authFailedDelayMs = ConfigValues.positive(ari, "pbx.ari", "authFailedDelayMs", 60_000);
    maxEventBytes = ConfigValues.positiveInt(ari, "pbx.ari", "maxEventBytes", 4 * 1024 * 1024);
    maxResponseBytes = ConfigValues.positiveInt(ari, "pbx.ari", "maxResponseBytes", 16 * 1024 * 1024);
    if (reconnectMaxMs < reconnectInitialMs) {
      throw new IllegalArgumentException("pbx.ari.reconnectMaxMs must be >= reconnectInitialMs");
    }
    holder = HolderOptions.from(root.getJsonObject("holder")); // checked with the other settings
  }

  /** @throws IllegalArgumentException naming the missing or invalid key */
  public static AriConfig from(JsonObject verticleConfig) {
    return new AriConfig(verticleConfig);
  }

  public AriAddresses addresses() {
    return AriAddresses.of(prefix, pbx);
  }

  public String pbx() {
    return pbx;
  }

  /** Where the server is, for status and info: never with credentials. */
  String displayUrl() {
    return (tls ? "https://" : "http://") + host + ":" + port + basePath;
  }

  /** The URL's path without trailing slashes; none left ("http://host:8088/") means Asterisk's default. */
  private static String basePath(String path) {
    String trimmed = path == null ? "" : path.replaceAll("/+$", "");
    return trimmed.isEmpty() ? DEFAULT_BASE_PATH : trimmed;
  }

  private static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("pbx.ari.url must be http(s)://host[:port][/ari], got: " + shown(url));
      }
      if (uri.getUserInfo() != null) {
        throw new IllegalArgumentException("pbx.ari.url must not carry credentials: use username/password");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        // it would be ignored; and Asterisk takes credentials as ?api_key=user:password
        throw new IllegalArgumentException("pbx.ari.url must not carry a query or fragment (credentials: use username/password), got: "
          + shown(url));
      }
      return uri;
    } catch (URISyntaxException e) {
      // the parser's message quotes the whole input, credentials included
      throw new IllegalArgumentException("pbx.ari.url is not a URL (" + e.getReason() + "): " + shown(url));
    }
  }

  /**
   * The URL as an error may quote it: anything after the scheme up to the last '@' is taken for
   * credentials and hidden (first: a password may hold '?' or '#', and the "//" may be missing), and so
   * is a query (Asterisk reads {@code ?api_key=user:password}) or fragment.
   */
  private static String shown(String url) {
    return url.replaceAll("(?s)^([A-Za-z][A-Za-z0-9+.-]*:)?(//)?.*@", "$1$2***@").replaceAll("(?s)[?#].*", "?***");
  }

  @Override
  public String toString() {
    return "AriConfig{pbx=" + pbx + ", " + username + "@" + displayUrl() + ", apps=" + apps
      + ", subscribeAll=" + subscribeAll + ", password=****}";
  }
}
