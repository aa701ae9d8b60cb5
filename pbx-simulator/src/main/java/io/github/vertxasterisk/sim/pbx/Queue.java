package io.github.vertxasterisk.sim.pbx;

import java.util.List;

/**
 * A call queue with static members. The simulator queues no callers, so every statistic a real
 * queue keeps (talk time, completed calls, ...) stays 0.
 */
public record Queue(String name, String strategy, List<String> members) {

  /** The capture server's queues.conf: [support] strategy = ringall, member => Local/300@test. */
  public static List<Queue> captureDefault() {
    return List.of(new Queue("support", "ringall", List.of("Local/300@test")));
  }
}
