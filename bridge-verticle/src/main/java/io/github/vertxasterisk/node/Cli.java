package io.github.vertxasterisk.node;

import io.github.vertxasterisk.ami.api.AmiAddresses;
import io.github.vertxasterisk.node.cli.BridgeTransport;
import io.github.vertxasterisk.node.cli.CliTransport;
import io.github.vertxasterisk.node.cli.ClusterTransport;
import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Command-line access to a running suite, through the cluster (joins it with the node config) or a TCP
 * bridge ({@code --bridge host:port}):
 * <pre>
 * java -cp vertx-asterisk-node.jar io.github.vertxasterisk.node.Cli tail --pbx pbx1 --event Hangup
 * java -cp vertx-asterisk-node.jar io.github.vertxasterisk.node.Cli send --pbx pbx1 Action=CoreStatus
 * </pre>
 * Exit codes: 0 done, 1 the action failed (the failure code and message are printed), 2 bad usage (or a
 * {@code --conf} file that cannot be read), 3 the cluster or bridge could not be reached.
 */
public final class Cli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private static final String USAGE_TEXT = String.join("\n",
    "usage: Cli tail (--pbx ID [--event NAME] | [--pbx ID] --address ADDRESS) [--count N] [connection]",
    "       Cli send --pbx ID [--list] [--timeout MS] Header=Value... [connection]",
    "connection: --conf conf/node.json (join the cluster; the default)",
    "          | --bridge HOST:PORT [--token T] [--prefix asterisk] (a TCP bridge; the token may come from",
    "            ASTERISK_SUITE_BRIDGE__AUTH_TOKEN)");

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  private Cli(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    CliArgs parsed;
    try {
      parsed = CliArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE_TEXT);
      return USAGE;
    }
    return new Cli(out, err, env).run(parsed);
  }

  private int run(CliArgs args) {
    CliTransport transport;
    String prefix;
    try {
      if (args.bridge != null) {
        prefix = args.prefix;
        String token = args.token != null ? args.token : env.getOrDefault(EnvOverrides.PREFIX + "BRIDGE__AUTH_TOKEN",
          env.get(EnvOverrides.PREFIX + "BRIDGE__AUTHTOKEN")); // the node reads either spelling too
        transport = await(BridgeTransport.connect(args.bridgeHost(), args.bridgePort(), token), 30);
      } else {
        NodeMain.useLoggingConfigBeside(args.conf);
        JsonObject config;
        try {
          config = NodeConfigLoader.read(args.conf, env);
        } catch (IllegalArgumentException e) {
          err.println(e.getMessage()); // a wrong --conf is the caller's mistake, not an unreachable suite
          return USAGE;
        }
        prefix = config.getString("prefix", args.prefix);
        transport = await(ClusterTransport.join(config.getJsonObject("cluster", new JsonObject())), 120);
      }
    } catch (Exception e) {
      err.println("cannot reach the suite: " + rootMessage(e));
      return UNREACHABLE;
    }
    try {
      AmiAddresses pbx = args.pbx == null ? null : AmiAddresses.of(prefix, args.pbx); // none: tail --address
      return args.command.equals("tail") ? tail(transport, pbx, args) : send(transport, pbx, args);
    } finally {
      try {
        await(transport.close(), 30); // a cluster member leaves politely
      } catch (Exception e) {
        err.println("closing: " + rootMessage(e));
      }
    }
  }

  private int tail(CliTransport transport, AmiAddresses pbx, CliArgs args) {
    String address = args.address != null ? args.address : args.event != null ? pbx.event(args.event) : pbx.events();
    CompletableFuture<Integer> done = new CompletableFuture<>();
    AtomicInteger seen = new AtomicInteger();
    try {
      await(transport.subscribe(address, body -> {
        int n = seen.incrementAndGet();
        if (args.count <= 0 || n <= args.count) {
          out.println(body.encode());
        }
        if (n == args.count) {
          done.complete(OK);
        }
      }, refusal -> {
        err.println("failed: " + refusal);
        done.complete(FAILED);
      }), 60);
      err.println("tailing " + address + (args.count > 0 ? " (" + args.count + " messages)" : " (Ctrl-C to stop)"));
      return done.get();
    } catch (Exception e) {
      err.println("failed: " + rootMessage(e));
      return FAILED;
    }
  }

  private int send(CliTransport transport, AmiAddresses pbx, CliArgs args) {
    String method = args.list ? "sendList" : "send";
    try {
      JsonObject reply = await(transport.call(pbx.service(), method, new JsonObject().put("action", args.action),
        args.timeoutMs), args.timeoutMs / 1000 + 30);
      out.println(reply.encodePrettily());
      return OK;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ReplyException reply) {
        err.println("failed: " + describe(reply, pbx));
        return reply.failureType() == ReplyFailure.NO_HANDLERS ? UNREACHABLE : FAILED;
      }
      err.println("failed: " + rootMessage(e));
      return FAILED;
    } catch (Exception e) {
      err.println("failed: " + rootMessage(e));
      return FAILED;
    }
  }

  private static String describe(ReplyException failure, AmiAddresses pbx) {
    return switch (failure.failureType()) {
      case NO_HANDLERS -> "no-handlers: no node of the cluster serves " + pbx.service();
      case TIMEOUT -> "timeout: " + failure.getMessage();
      default -> failure.failureCode() + " " + failure.getMessage();
    };
  }

  private static <T> T await(Future<T> future, long seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The parsed command line. */
  static final class CliArgs {
    String command;
    String pbx;
    String conf = "conf/node.json";
    String bridge;
    String token;
    String prefix = AmiAddresses.DEFAULT_PREFIX;
    String event;
    String address;
    int count;
    boolean list;
    long timeoutMs = 15_000;
    final JsonObject action = new JsonObject();

    static CliArgs parse(String[] args) {
      CliArgs a = new CliArgs();
      List<String> rest = new ArrayList<>(List.of(args));
      if (rest.isEmpty() || !(rest.get(0).equals("tail") || rest.get(0).equals("send"))) {
        throw new IllegalArgumentException("first argument: tail or send");
      }
      a.command = rest.remove(0);
      while (!rest.isEmpty()) {
        String arg = rest.remove(0);
        switch (arg) {
          case "--pbx" -> a.pbx = value(arg, rest);
          case "--conf" -> a.conf = value(arg, rest);
          case "--bridge" -> a.bridge = value(arg, rest);
          case "--token" -> a.token = value(arg, rest);
          case "--prefix" -> a.prefix = value(arg, rest);
          case "--event" -> a.event = value(arg, rest);
          case "--address" -> a.address = value(arg, rest);
          case "--count" -> a.count = number(arg, rest);
          case "--timeout" -> a.timeoutMs = positive(arg, rest);
          case "--list" -> a.list = true;
          default -> {
            if (arg.startsWith("--")) {
              // never echoed whole: "--token=T" would put the token on stderr (and, for send, in an AMI header)
              int eq = arg.indexOf('=');
              throw new IllegalArgumentException("unknown option " + (eq < 0 ? arg : arg.substring(0, eq)
                + " (an option's value is the next argument: " + arg.substring(0, eq) + " VALUE)"));
            }
            a.header(arg);
          }
        }
      }
      if (a.pbx == null && (a.command.equals("send") || a.address == null)) {
        throw new IllegalArgumentException("--pbx is required" + (a.command.equals("send") ? "" : " (or --address)"));
      }
      if (a.command.equals("send") && !a.action.containsKey("Action")) {
        throw new IllegalArgumentException("send needs Action=<name>, e.g. Action=CoreStatus");
      }
      if (a.bridge != null) {
        a.bridgePort();
      }
      return a;
    }

    /** {@code Header=Value}; a header given twice becomes a JSON array (sent as repeated headers). */
    private void header(String arg) {
      int eq = arg.indexOf('=');
      if (!command.equals("send") || eq <= 0) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(0, eq);
      String value = arg.substring(eq + 1);
      Object previous = action.getValue(name);
      if (previous == null) {
        action.put(name, value);
      } else if (previous instanceof JsonArray array) {
        array.add(value);
      } else {
        action.put(name, new JsonArray().add(previous).add(value));
      }
    }

    private static String value(String option, List<String> rest) {
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return rest.remove(0);
    }

    private static int number(String option, List<String> rest) {
      String v = value(option, rest);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " needs a number, got " + v);
      }
    }

    /** A timer of 0 ms or less cannot be set: that is bad usage, not a failed action. */
    private static int positive(String option, List<String> rest) {
      int n = number(option, rest);
      if (n <= 0) {
        throw new IllegalArgumentException(option + " must be positive, got " + n);
      }
      return n;
    }

    String bridgeHost() {
      return bridge.substring(0, bridge.lastIndexOf(':'));
    }

    int bridgePort() {
      int colon = bridge.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("--bridge needs HOST:PORT, got " + bridge);
      }
      int port;
      try {
        port = Integer.parseInt(bridge.substring(colon + 1));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--bridge needs HOST:PORT, got " + bridge);
      }
      if (port < 1 || port > 65535) { // the connect would throw, reported as an unreachable suite
        throw new IllegalArgumentException("--bridge needs HOST:PORT, got " + bridge + " (port 1-65535)");
      }
      return port;
    }
  }
}
