package io.github.vertxasterisk.sim.ari;

import static io.github.vertxasterisk.sim.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.sim.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A route that fails is answered 500 and logged, without the query: Asterisk reads api_key=user:password there. */
class RouteTableTest {
  private static final String SECRET = "s3cr3t-XYZ";
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void aFailedRequestIsLoggedWithoutItsQuery() {
    Router router = Router.router(vertx);
    // as AriServer mounts it: the request is read whole before the route answers
    router.route("/ari/*").handler(BodyHandler.create());
    new RouteTable(router).add(HttpMethod.POST, "/channels/:channelId/continue", request -> {
      throw new IllegalStateException("a bug of the simulator");
    });
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try (LogCapture log = LogCapture.of(RouteTable.class.getName())) {
      int status = await(vertx.createHttpClient()
        .request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/ari/channels/c1/continue?api_key=asterisk:" + SECRET)
        .compose(request -> request.send()).map(HttpClientResponse::statusCode));

      assertThat(status).isEqualTo(500);
      assertThat(log.records).extracting(LogRecord::getMessage)
        .anyMatch(m -> m.contains("/ari/channels/c1/continue"))
        .noneMatch(m -> m.contains(SECRET));
    }
  }
}
