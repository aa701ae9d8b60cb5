package io.github.vertxasterisk.ari.api;

import io.github.vertxasterisk.common.PbxId;
import java.util.Objects;

/**
 * The event-bus addresses of one PBX's ARI side, as listed in the design's address table.
 *
 * <p>Client applications use it to subscribe ({@code vertx.eventBus().consumer(a.channel(id))}) and
 * the verticle uses it to publish, so both compute the same strings. Resource ids are used as they
 * are: event-bus addresses are plain strings and need no escaping.
 */
public final class AriAddresses {
  public static final String DEFAULT_PREFIX = "asterisk";

  private final String base;

  private AriAddresses(String prefix, String pbxId) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("address prefix must not be blank");
    }
    this.base = prefix + ".ari." + PbxId.require(pbxId);
  }

  /** Addresses under the default prefix {@value #DEFAULT_PREFIX}. */
  public static AriAddresses of(String pbxId) {
    return new AriAddresses(DEFAULT_PREFIX, pbxId);
  }

  public static AriAddresses of(String prefix, String pbxId) {
    return new AriAddresses(prefix, pbxId);
  }

  /** {@code <prefix>.ari.<pbx>}: where {@code AriService} is registered. */
  public String service() {
    return base;
  }

  /** WebSocket/REST connection state changes. */
  public String status() {
    return base + ".status";
  }

  /** Every ARI event (firehose). */
  public String events() {
    return base + ".events";
  }

  /** Every ARI event of one type, e.g. {@code StasisStart}. */
  public String event(String type) {
    return base + ".event." + type;
  }

  public String channel(String channelId) {
    return base + ".channel." + channelId;
  }

  public String bridge(String bridgeId) {
    return base + ".bridge." + bridgeId;
  }

  public String playback(String playbackId) {
    return base + ".playback." + playbackId;
  }

  public String recording(String recordingName) {
    return base + ".recording." + recordingName;
  }

  /** An endpoint is named by technology and resource, e.g. {@code endpoint("PJSIP", "1000")}. */
  public String endpoint(String technology, String resource) {
    return base + ".endpoint." + technology + "/" + resource;
  }

  public String deviceState(String deviceName) {
    return base + ".deviceState." + deviceName;
  }

  /** Point-to-point: each StasisStart of that application goes to one consumer in the cluster. */
  public String stasis(String application) {
    return base + ".app." + application + ".stasis";
  }
}
