package io.github.vertxasterisk.ari.impl.events;

import java.util.List;

/**
 * Where one ARI event goes.
 *
 * @param publishAddresses every address to publish it on, without duplicates: its type address,
 *     the firehose, then one per resource it concerns
 * @param stasisAddress for a StasisStart, the application's point-to-point address to also
 *     {@code send} it to; {@code null} for every other event
 */
public record AriRoute(List<String> publishAddresses, String stasisAddress) {

  public AriRoute {
    publishAddresses = List.copyOf(publishAddresses);
  }

  public boolean isStasisStart() {
    return stasisAddress != null;
  }
}
