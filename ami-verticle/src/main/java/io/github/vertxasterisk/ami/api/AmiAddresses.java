package io.github.vertxasterisk.ami.api;

/**
 * Event-bus addresses of one PBX's AMI side, per the suite's address contract:
 * {@code <prefix>.ami.<pbx>.event.<Event>}, {@code .events}, {@code .events.batch}, {@code .call.<Linkedid>},
 * {@code .status}
 * and the service at {@code <prefix>.ami.<pbx>}.
 */
public final class AmiAddresses {
  public static final String DEFAULT_PREFIX = "asterisk";
  /** The most events one {@link #eventBatches()} message carries. */
  public static final int MAX_BATCH = 256;

  private final String base;
  // Built once: the publisher asks for them at every event, and a new String is hashed anew at
  // every bus lookup.
  private final String events;
  private final String eventBatches;
  private final String status;

  private AmiAddresses(String prefix, String pbx) {
    this.base = prefix + ".ami." + pbx;
    this.events = base + ".events";
    this.eventBatches = base + ".events.batch";
    this.status = base + ".status";
  }

  public static AmiAddresses of(String prefix, String pbx) {
    return new AmiAddresses(prefix, pbx);
  }

  public static AmiAddresses of(String pbx) {
    return new AmiAddresses(DEFAULT_PREFIX, pbx);
  }

  /** The {@link AmiService} proxy address. */
  public String service() {
    return base;
  }

  /** Every event of that name, e.g. {@code event("Hangup")}. */
  public String event(String eventName) {
    return base + ".event." + eventName;
  }

  /** Every event (the firehose). */
  public String events() {
    return events;
  }

  /**
   * Every event too, several per message: {@code {"events": [...]}}, the events of one read from the
   * AMI socket (at most {@value #MAX_BATCH}), each exactly as on {@link #events()}. One bus message per
   * read instead of one per event: for consumers of the whole stream at high rates.
   */
  public String eventBatches() {
    return eventBatches;
  }

  /** Every event of one call: all its channels share the Linkedid of the first one. */
  public String call(String linkedid) {
    return base + ".call." + linkedid;
  }

  /** Connection state changes. */
  public String status() {
    return status;
  }
}
