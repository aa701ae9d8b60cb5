package io.github.vertxasterisk.sim.ari;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Registers the REST operations on the router (under {@code /ari}) and remembers which methods each
 * path accepts, for the 405 {@code Allow} header. Turns a bad number into 400 and a bug into 500.
 */
final class RouteTable {

  private static final Logger LOG = Logger.getLogger(RouteTable.class.getName());

  private record Entry(Pattern pattern, HttpMethod method) {
  }

  private final Router router;
  private final List<Entry> entries = new ArrayList<>();

  RouteTable(Router router) {
    this.router = router;
  }

  void add(HttpMethod method, String path, Consumer<AriRequest> handler) {
    entries.add(new Entry(Pattern.compile("/ari" + path.replaceAll(":[A-Za-z]+", "[^/]+")), method));
    router.route(method, "/ari" + path).handler(ctx -> run(ctx, handler));
  }

  private static void run(RoutingContext ctx, Consumer<AriRequest> handler) {
    try {
      handler.accept(new AriRequest(ctx));
    } catch (AriRequest.BadParam | ClassCastException e) {
      AriHttp.error(ctx, 400, e.getMessage() == null ? "Invalid parameters" : e.getMessage());
    } catch (RuntimeException e) {
      // the path only: the query may hold api_key=user:password
      LOG.log(Level.WARNING, "ARI simulator failed on " + ctx.request().method() + " " + ctx.request().path(), e);
      AriHttp.error(ctx, 500, "Internal Server Error");
    }
  }

  /** {@code OPTIONS,GET} style list for a path, empty when no operation has that path. */
  String allowed(String path) {
    Set<String> methods = new LinkedHashSet<>();
    for (Entry e : entries) {
      if (e.pattern.matcher(path).matches()) {
        methods.add(e.method.name());
      }
    }
    return methods.isEmpty() ? "" : "OPTIONS," + String.join(",", methods);
  }
}
