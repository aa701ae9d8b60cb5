package io.github.vertxasterisk.ami.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * Run in a JVM of its own by {@link HeapPressureTest}: keeps ever more memory live, with garbage
 * beside it as a flood makes, until {@link HeapPressure} reports the bound (exit 0) or the heap runs
 * out first (exit 3).
 */
public final class HeapFiller {
  private static final int CHUNK = 64 * 1024;
  static volatile byte[] garbage;

  private HeapFiller() {
  }

  public static void main(String[] args) {
    HeapPressure pressure = new HeapPressure(Integer.parseInt(args[0]));
    List<byte[]> kept = new ArrayList<>();
    long now = 0;
    try {
      while (true) {
        kept.add(new byte[CHUNK]);
        for (int i = 0; i < 8; i++) {
          garbage = new byte[CHUNK];
        }
        now += 1_000_000_000L; // HeapPressure reads the pools at most every 100 ms of this clock
        if (pressure.high(now)) {
          System.out.println("bound reported with " + kept.size() * (CHUNK / 1024) / 1024 + " MB kept");
          return;
        }
      }
    } catch (OutOfMemoryError e) {
      int mb = kept.size() * (CHUNK / 1024) / 1024;
      kept = null;
      System.out.println("out of memory with " + mb + " MB kept, the bound never reported");
      System.exit(3);
    }
  }
}
