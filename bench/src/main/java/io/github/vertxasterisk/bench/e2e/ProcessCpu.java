package io.github.vertxasterisk.bench.e2e;

import java.lang.management.ManagementFactory;

/** This JVM's CPU use since the previous call, in percent of one core (200 = both cores of this box). */
final class ProcessCpu {
  private static long lastCpuNanos = cpuNanos();
  private static long lastWallNanos = System.nanoTime();

  private ProcessCpu() {
  }

  static synchronized long percentOfOneCore() {
    long cpu = cpuNanos();
    long wall = System.nanoTime();
    long percent = wall == lastWallNanos ? 0 : Math.round(100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos));
    lastCpuNanos = cpu;
    lastWallNanos = wall;
    return percent;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
