package io.github.vertxasterisk.ari.impl;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to the ARI server: {@code http(s)://host:port/ari/<path>} with basic authentication and a
 * timeout on every request. It returns every answer as it came (error statuses included) and fails
 * only when there is no usable answer: {@code asterisk-error} (larger than {@code maxResponseBytes}), {@code timeout}, {@code not-connected} (the server cannot be reached),
 * {@code disconnected} (the connection broke mid-request: outcome unknown).
 */
final class AriRestClient {
  private final WebClient client;
  private final AriConfig config;
  /** Set by {@link #close()}: a request still waiting for a connection then fails, never sent. */
  private volatile boolean closed;

  AriRestClient(Vertx vertx, AriConfig config) {
    this.config = config;
    WebClientOptions options = new WebClientOptions()
      .setDefaultHost(config.host)
      .setDefaultPort(config.port)
      .setSsl(config.tls)
      .setTrustAll(config.tls && config.tlsTrustAll)
      // trusting every certificate, a name check means nothing: without this, trust-all still rejects a
      // certificate not issued for the host (e.g. a self-signed one without the address in its alt names)
      .setVerifyHost(!config.tlsTrustAll)
      .setConnectTimeout((int) config.connectTimeoutMs)
      .setFollowRedirects(false)
      .setUserAgent("vertx-asterisk-ari");
    this.client = WebClient.create(vertx, options);
    // An answer over maxResponseBytes: close its connection rather than read the rest (a server that
    // answers without end would keep it busy for good, and with five such answers the whole pool). The
    // web client's interceptors are its extension point (its caching and session clients use them), in
    // its impl package: AriLargeAnswerTest fails if an upgrade changes them.
    ((WebClientInternal) client).addInterceptor(ctx -> {
      if (ctx.phase() == ClientPhase.FAILURE && ctx.clientResponse() != null
        && (ctx.failure() instanceof BoundedBody.TooLarge || ctx.failure() instanceof BoundedBody.TooLate)) {
        ctx.clientResponse().request().connection().close();
      }
      ctx.next();
    });
  }

  /**
   * @param path relative to the ARI base, starting with '/' and already percent-encoded
   * @param query not encoded (the client encodes)
   * @param body the JSON body, or null for none
   */
  Future<AriHttpResponse> send(HttpMethod method, String path, Map<String, String> query, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, config.basePath + path)
      // past the suite's timeout (below) the caller has its answer: more of the body closes the connection
      .as(BoundedBody.codec(config.maxResponseBytes, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs)))
      .basicAuthentication(config.username, config.password)
      .timeout(config.requestTimeoutMs)
      .putHeader("Accept", "application/json");
    query.forEach(request::addQueryParam);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    // The client's own timeout is an idle one: a server that trickles a byte now and then would hold the
    // call open for good. Future.timeout bounds the whole of it.
    return sent.timeout(config.requestTimeoutMs, TimeUnit.MILLISECONDS)
      .map(AriRestClient::toResponse)
      .recover(err -> Future.failedFuture(describe(method + " " + config.basePath + path, err)));
  }

  private static AriHttpResponse toResponse(HttpResponse<Buffer> r) {
    Buffer body = r.body();
    return new AriHttpResponse(r.statusCode(), r.statusMessage(), r.getHeader("Content-Type"),
      body == null ? Buffer.buffer() : body);
  }

  private Throwable describe(String what, Throwable err) {
    if (err instanceof BoundedBody.TooLarge) {
      return FailureCode.ASTERISK_ERROR.exception(err.getMessage() + " to " + what);
    }
    if (err instanceof TimeoutException || err instanceof BoundedBody.TooLate) {
      return FailureCode.TIMEOUT.exception("no complete answer to " + what + " within " + config.requestTimeoutMs + " ms");
    }
    if (err instanceof ConnectException) {
      return FailureCode.NOT_CONNECTED.exception("cannot reach ARI at " + config.displayUrl() + ": " + err.getMessage());
    }
    if (closed && err instanceof IllegalStateException) {
      // the closing client failed a request still waiting for a pooled connection ("Client is closed")
      return FailureCode.NOT_CONNECTED.exception("the ARI client closed (verticle stopping) before " + what + " was sent");
    }
    if (err instanceof HttpClosedException) {
      return FailureCode.DISCONNECTED.exception("the connection closed during " + what + ": outcome unknown");
    }
    return FailureCode.DISCONNECTED.exception(what + " failed: " + (err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage()));
  }

  Future<Void> close() {
    closed = true;
    client.close();
    return Future.succeededFuture();
  }
}
