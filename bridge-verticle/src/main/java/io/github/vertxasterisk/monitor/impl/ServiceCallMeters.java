package io.github.vertxasterisk.monitor.impl;

import io.github.vertxasterisk.ami.api.AmiService;
import io.github.vertxasterisk.ari.api.AriService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Times the service calls this node serves: {@code AmiService} and {@code AriService} calls arrive at
 * {@code <prefix>.ami.<pbx>} / {@code <prefix>.ari.<pbx>} with the method in the {@code action} header,
 * and are answered on their reply address. An inbound interceptor notes the arrival, an outbound one
 * the answer: {@code asterisk.ami.actions} / {@code asterisk.ari.calls}, timers tagged {@code pbx},
 * {@code method} ({@code other} for a name the service lacks) and {@code outcome} ({@code ok} or the
 * failure code). Only the holder serves a PBX, so
 * only the holder counts its calls. {@code info} and {@code operations} (introspection, polled by the
 * monitor itself) are not counted. A call whose answer never comes is forgotten after a while.
 */
public final class ServiceCallMeters {
  private static final Set<String> NOT_COUNTED = Set.of("info", "operations");
  private static final Set<String> AMI_METHODS = methodsOf(AmiService.class);
  private static final Set<String> ARI_METHODS = methodsOf(AriService.class);
  private static final long FORGET_AFTER_NANOS = 10 * 60 * 1_000_000_000L;

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final Pattern serviceAddress;
  private final Map<String, Call> pending = new ConcurrentHashMap<>();
  private final Handler<DeliveryContext<Object>> inbound = this::inbound;
  private final Handler<DeliveryContext<Object>> outbound = this::outbound;
  private long sweepTimer;

  private record Call(String protocol, String pbx, String method, long startNanos) {
  }

  public ServiceCallMeters(Vertx vertx, MeterRegistry registry, String prefix) {
    this.vertx = vertx;
    this.registry = registry;
    this.serviceAddress = Pattern.compile(Pattern.quote(prefix) + "\\.(ami|ari)\\.([A-Za-z0-9_-]+)");
  }

  public ServiceCallMeters start() {
    EventBus bus = vertx.eventBus();
    bus.addInboundInterceptor(inbound);
    bus.addOutboundInterceptor(outbound);
    sweepTimer = vertx.setPeriodic(60_000, id -> forgetStale());
    return this;
  }

  public void stop() {
    EventBus bus = vertx.eventBus();
    bus.removeInboundInterceptor(inbound);
    bus.removeOutboundInterceptor(outbound);
    vertx.cancelTimer(sweepTimer);
  }

  private void inbound(DeliveryContext<Object> ctx) {
    Message<Object> msg = ctx.message();
    String replyAddress = msg.replyAddress();
    String method = msg.headers().get("action");
    if (replyAddress != null && method != null && !NOT_COUNTED.contains(method)) {
      Matcher m = serviceAddress.matcher(msg.address());
      if (m.matches()) {
        String protocol = m.group(1);
        pending.put(replyAddress, new Call(protocol, m.group(2), knownOrOther(protocol, method), System.nanoTime()));
      }
    }
    ctx.next();
  }

  /** A caller names the method: one the service lacks is tagged {@code other}, not given a meter series of its own. */
  private static String knownOrOther(String protocol, String method) {
    return (protocol.equals("ami") ? AMI_METHODS : ARI_METHODS).contains(method) ? method : "other";
  }

  private static Set<String> methodsOf(Class<?> service) {
    return Arrays.stream(service.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
      .map(Method::getName).collect(Collectors.toUnmodifiableSet());
  }

  private void outbound(DeliveryContext<Object> ctx) {
    Call call = pending.isEmpty() ? null : pending.remove(ctx.message().address());
    if (call != null) {
      Object body = ctx.body();
      String outcome = body instanceof ReplyException failure ? String.valueOf(failure.failureCode()) : "ok";
      Timer.builder(call.protocol.equals("ami") ? "asterisk.ami.actions" : "asterisk.ari.calls")
        .description("service calls served by this node (the holder), by method and outcome")
        .tags("pbx", call.pbx, "method", call.method, "outcome", outcome)
        .register(registry)
        .record(System.nanoTime() - call.startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    ctx.next();
  }

  private void forgetStale() {
    long now = System.nanoTime();
    pending.values().removeIf(c -> now - c.startNanos > FORGET_AFTER_NANOS);
  }
}
