package io.github.vertxasterisk.sim.ami;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scripted demo/load event stream: the events of Local/600@test calls, over and over.
 * Rate mode broadcasts N events/s; max-rate mode writes batches of events (one buffer each) to each
 * session while its socket accepts them and waits for the drain handler when the write queue is full
 * (bounded buffering).
 *
 * <p>Max-rate mode renders its events once per session (through that session's event mask and
 * filters, again whenever they change) and then writes the same {@value #RENDERED_BATCHES} batches
 * (16,384 events) round and round: scripting and formatting a call's events cost the simulator more
 * CPU than writing them, and on a small benchmark machine that CPU is taken from the nodes being
 * measured. Unique ids therefore repeat every 16,384 events.
 */
final class EventStreamer {

  private static final int BATCH = 64;
  private static final int RENDERED_BATCHES = 256;

  private final AmiServer server;
  private final Deque<AmiMessage> pending = new ArrayDeque<>();
  private final Map<AmiSession, Pumping> pumping = new HashMap<>();
  private final AtomicLong emitted = new AtomicLong();
  private long timerId = -1;
  private double ceiling;
  private long generation;
  private int callNo;

  EventStreamer(AmiServer server) {
    this.server = server;
  }

  long emitted() {
    return emitted.get();
  }

  void startRate(double eventsPerSecond) {
    stop();
    if (eventsPerSecond <= 0) {
      return;
    }
    long gen = generation;
    long startNanos = System.nanoTime();
    long period = eventsPerSecond >= 100 ? 10 : Math.max(1, (long) (1000 / eventsPerSecond));
    long[] sent = {0};
    timerId = server.vertx().setPeriodic(period, id -> {
      if (gen != generation) {
        return;
      }
      double elapsed = (System.nanoTime() - startNanos) / 1e9;
      long due = (long) Math.floor(eventsPerSecond * elapsed) + 1; // +1: the first event goes out at once
      for (; sent[0] < due; sent[0]++) {
        server.broadcast(next());
        emitted.incrementAndGet();
      }
    });
  }

  /**
   * Batches to each session as fast as its socket drains; with {@code ceilingPerSecond} > 0, no faster
   * than that per session either (a steady offered load, without the rate mode's timer bursts; what a
   * stalled session missed is written once it reads again, up to {@link StreamPace#CATCH_UP_SECONDS}).
   */
  void startMaxRate(double ceilingPerSecond) {
    stop();
    ceiling = ceilingPerSecond;
    long gen = generation;
    // Sessions that log in later join the stream too.
    timerId = server.vertx().setPeriodic(100, id -> server.sessions().forEach(s -> join(s, gen)));
    server.sessions().forEach(s -> join(s, gen));
  }

  void stop() {
    generation++;
    if (timerId >= 0) {
      server.vertx().cancelTimer(timerId);
      timerId = -1;
    }
    pumping.clear();
  }

  private void join(AmiSession s, long gen) {
    if (s.wantsEvents() && !pumping.containsKey(s)) {
      Pumping stream = new Pumping();
      stream.render(s);
      pumping.put(s, stream);
      pump(s, gen);
    }
  }

  /** A session in max-rate mode: its rendered batches, where it is in them, its pace. */
  private final class Pumping {
    final StreamPace pace = ceiling > 0 ? new StreamPace(ceiling, System.nanoTime()) : null; // null: no ceiling
    Buffer[] batches;
    int selection; // the session's mask and filters the batches were rendered through
    boolean empty; // the session's filters let no scripted event through
    int position; // the batch written next

    /** One write per batch, as a busy Asterisk's socket delivers many events per read. */
    void render(AmiSession s) {
      selection = s.eventSelection();
      batches = new Buffer[RENDERED_BATCHES];
      empty = true;
      for (int b = 0; b < RENDERED_BATCHES; b++) {
        Buffer batch = Buffer.buffer(BATCH * 400);
        for (int i = 0; i < BATCH; i++) {
          String text = s.eventText(next());
          if (text != null) {
            batch.appendString(text);
          }
        }
        batches[b] = batch;
        empty &= batch.length() == 0;
      }
      position = 0;
    }

    Buffer nextBatch() {
      Buffer batch = batches[position];
      position = (position + 1) % batches.length;
      return batch;
    }
  }

  private void pump(AmiSession s, long gen) {
    if (gen != generation) {
      return; // a stopped stream: stop() already forgot its sessions
    }
    if (s.isClosed()) {
      pumping.remove(s);
      return;
    }
    if (server.isFrozen() || !s.wantsEvents()) {
      server.vertx().setTimer(100, id -> pump(s, gen));
      return;
    }
    Pumping stream = pumping.get(s);
    if (stream.selection != s.eventSelection()) {
      stream.render(s); // a Filter or Events action since: what this session receives changed
    }
    if (stream.empty) {
      server.vertx().setTimer(100, id -> pump(s, gen)); // everything filtered out: nothing to write
      return;
    }
    if (stream.pace != null && !stream.pace.take(System.nanoTime(), BATCH)) {
      server.vertx().setTimer(1, id -> pump(s, gen)); // ahead of the ceiling: wait
      return;
    }
    emitted.addAndGet(BATCH);
    s.write(stream.nextBatch());
    if (s.socket().writeQueueFull()) {
      s.socket().drainHandler(v -> pump(s, gen));
    } else {
      server.context().runOnContext(v -> pump(s, gen)); // yield to other work between batches
    }
  }

  private AmiMessage next() {
    if (pending.isEmpty()) {
      int n = callNo++ % 100;
      AmiMessage originate = new AmiMessage().add("Action", "Originate").add("Channel", "Local/600@test")
          .add("Application", "Wait").add("Data", "3")
          .add("CallerID", String.format("\"Demo %02d\" <2%03d>", n, n)).add("ActionID", "demo-" + callNo);
      List<AmiMessage> script = LocalCall.script(server.pbx(), OriginateRequest.from(originate, true));
      pending.addAll(script);
    }
    return pending.poll();
  }
}
