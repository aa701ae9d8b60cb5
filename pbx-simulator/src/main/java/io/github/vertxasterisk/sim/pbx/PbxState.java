package io.github.vertxasterisk.sim.pbx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Live state of the simulated PBX: channels, global variables, queues, the AstDB, id counters, call statistics.
 * Confined to the simulator's event-loop context (no locking needed).
 */
public final class PbxState {

  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, String> globals = new HashMap<>();
  private final Dialplan dialplan;
  private final List<Queue> queues = new ArrayList<>(Queue.captureDefault());
  private final AstDb astDb = new AstDb();
  private final List<PbxListener> listeners = new ArrayList<>();
  private final long startedAtMillis = System.currentTimeMillis();
  private long uniqueSeq;
  private long localSeq;
  private long processedCalls;

  public PbxState(Dialplan dialplan) {
    this.dialplan = dialplan;
    globals.putAll(dialplan.globals());
  }

  public Dialplan dialplan() { return dialplan; }
  public long startedAtMillis() { return startedAtMillis; }
  public Map<String, String> globals() { return globals; }
  public List<Queue> queues() { return queues; }
  public AstDb astDb() { return astDb; }
  public long processedCalls() { return processedCalls; }
  public void countProcessedCall() { processedCalls++; }

  /** {@code <epoch seconds>.<sequence>} like Asterisk's default uniqueids. */
  public String nextUniqueid() {
    return Instant.now().getEpochSecond() + "." + (uniqueSeq++);
  }

  /** The 8-hex-digit sequence in Local channel names ({@code Local/100@test-0000000e;1}). */
  public String nextLocalSequence() {
    return String.format("%08x", localSeq++);
  }

  public void add(Channel c) { channels.put(c.name(), c); }

  /** Removes a live channel and tells the listeners (nothing happens for a channel already gone). */
  public void remove(Channel c) {
    if (channels.remove(c.name(), c)) {
      List.copyOf(listeners).forEach(l -> l.channelRemoved(c));
    }
  }

  public Channel channel(String name) { return name == null ? null : channels.get(name); }

  /** The live channel with this uniqueid (the ARI channel id), or null. */
  public Channel channelById(String uniqueid) {
    for (Channel c : channels.values()) {
      if (c.uniqueid().equals(uniqueid)) {
        return c;
      }
    }
    return null;
  }

  public void addListener(PbxListener l) { listeners.add(l); }

  /** The dialplan of a live channel reached {@code Stasis(appData)}. */
  public void enterStasis(Channel c, String appData) {
    if (isLive(c)) {
      List.copyOf(listeners).forEach(l -> l.stasisEntered(c, appData));
    }
  }
  public boolean isLive(Channel c) { return channels.get(c.name()) == c; }

  /** Newest first, the order Asterisk lists them in CoreShowChannels / core show channels. */
  public List<Channel> channelsNewestFirst() {
    List<Channel> list = new ArrayList<>(channels.values());
    Collections.reverse(list);
    return list;
  }

  /** Calls = channels that are not the ;2 half of a Local pair (one Local pair is one call). */
  public int activeCalls() {
    int n = 0;
    for (Channel c : channels.values()) {
      if (!c.name().endsWith(";2")) {
        n++;
      }
    }
    return n;
  }
}
