package io.github.vertxasterisk.common.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Consecutive free ports on 127.0.0.1 for a cluster whose members list each other's fixed ports.
 * Drawn below Linux's ephemeral range (32768 and up), where outgoing connections take their local
 * ports: a port drawn there could be in use by some connection at the moment a member binds it.
 */
public final class ClusterPorts {
  private static final int LOWEST = 20_000;
  private static final int BELOW_EPHEMERAL = 32_768;

  private ClusterPorts() {
  }

  /** The first of {@code count} consecutive ports that were all free a moment ago. */
  public static int firstOfFree(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL - count);
      if (allFree(first, count)) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports found between " + LOWEST + " and " + BELOW_EPHEMERAL);
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      try {
        new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
      } catch (IOException inUse) {
        return false;
      }
    }
    return true;
  }
}
