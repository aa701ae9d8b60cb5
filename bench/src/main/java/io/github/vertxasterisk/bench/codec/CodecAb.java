package io.github.vertxasterisk.bench.codec;

import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * Compares two builds of the AMI codec in one JVM, on a shared machine: each build in a class loader
 * of its own, the same recorded stream ({@link RecordedStream}) through each in alternating rounds,
 * each round timed in this thread's CPU time. Other people's load slows both builds of a pair alike,
 * so the per-pair ratio is steadier than two JMH runs minutes apart (whose scores differed by up to
 * 2x here). It gives a ratio, not a throughput to quote: JMH ({@link AmiCodecBench}) does that.
 *
 * <p>Arguments: the baseline build (a jar or classes folder of ami-verticle), the candidate build,
 * and optionally the number of measured rounds (200). Run the baseline against itself first: that
 * ratio's spread is the noise floor. Command: docs/benchmarks.md.
 */
public final class CodecAb {
  private static final int WARMUP_ROUNDS = 10;

  private CodecAb() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: CodecAb <baseline ami-verticle jar or classes> <candidate jar or classes> [rounds]");
      System.exit(2);
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    Buffer[] reads = RecordedStream.reads(RecordedStream.withBanner());
    ToIntFunction<Buffer[]> baseline = load(Path.of(args[0]));
    ToIntFunction<Buffer[]> candidate = load(Path.of(args[1]));
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] base = new double[rounds];
    double[] cand = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
      long t0 = cpu.getCurrentThreadCpuTime();
      int baseEvents = baseline.applyAsInt(reads);
      long t1 = cpu.getCurrentThreadCpuTime();
      int candEvents = candidate.applyAsInt(reads);
      long t2 = cpu.getCurrentThreadCpuTime();
      if (baseEvents != candEvents) {
        throw new IllegalStateException("the builds disagree: " + baseEvents + " vs " + candEvents + " events");
      }
      if (r >= 0) {
        base[r] = baseEvents * 1e9 / (t1 - t0);
        cand[r] = candEvents * 1e9 / (t2 - t1);
        ratio[r] = cand[r] / base[r];
      }
    }
    Arrays.sort(base);
    Arrays.sort(cand);
    Arrays.sort(ratio);
    System.out.printf("events per CPU second, median (max): baseline %,.0f (%,.0f), candidate %,.0f (%,.0f)%n",
      base[rounds / 2], base[rounds - 1], cand[rounds / 2], cand[rounds - 1]);
    System.out.printf("candidate / baseline over %d paired rounds: median %.3f, quartiles %.3f-%.3f%n",
      rounds, ratio[rounds / 2], ratio[rounds / 4], ratio[3 * rounds / 4]);
  }

  /** {@link CodecPass} linked against the given build, not against the one on the class path. */
  @SuppressWarnings("unchecked")
  private static ToIntFunction<Buffer[]> load(Path build) throws Exception {
    URL benchClasses = CodecAb.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader loader = new BuildFirstLoader(new URL[] {build.toUri().toURL(), benchClasses});
    return (ToIntFunction<Buffer[]>) loader.loadClass(CodecPass.class.getName()).getDeclaredConstructor().newInstance();
  }

  /** Loads the codec and the classes that use it from its own URLs, the rest (Vert.x...) from the class path. */
  private static final class BuildFirstLoader extends URLClassLoader {
    BuildFirstLoader(URL[] urls) {
      super(urls, CodecAb.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.github.vertxasterisk.ami.") && !name.startsWith(CodecPass.class.getPackageName() + ".")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
