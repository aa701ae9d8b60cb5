package io.github.vertxasterisk.clustertest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A suite node in its own JVM, started with the real launcher (the fat jar) and a small heap. The
 * signals are the real ones: SIGKILL (crash), SIGSTOP/SIGCONT (a frozen process), SIGTERM (shutdown).
 * {@link #close()} always kills it, even a stopped one.
 */
public final class NodeProcess implements AutoCloseable {
  private final String name;
  private final Process process;

  private NodeProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  public static NodeProcess start(Path jar, Path conf, String name, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-jar", jar.toString(), "--conf", conf.toString())
      .redirectErrorStream(true)
      .redirectOutput(log.toFile())
      .start();
    // a test JVM that exits without closing its fixture (killed by a timeout) leaves no node behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill " + name));
    return new NodeProcess(name, process);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * SIGSTOP, then waits until every thread of the JVM is stopped. {@code kill} returns before that:
   * the kernel stops the other threads only once the thread that took the signal gets a CPU, and on
   * a busy machine the event loop went on reading and publishing for a few milliseconds meanwhile.
   */
  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!allThreadsStopped()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " (pid " + pid() + ") still runs 10 s after SIGSTOP");
      }
      Thread.sleep(1); // the JUnit thread, not an event loop
    }
  }

  /** Linux: every {@code /proc/<pid>/task/<tid>/stat} shows state T (stopped). */
  private boolean allThreadsStopped() throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (NoSuchFileException exited) {
          continue; // a thread that ended meanwhile
        }
        // "tid (command) S ...": the state follows the last ')', as the command may hold one
        if (stat.charAt(stat.lastIndexOf(')') + 2) != 'T') {
          return false;
        }
      }
    }
    return true;
  }

  public void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  /** SIGTERM; returns the exit code, or -1 when it did not exit within the timeout. */
  public int terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroyForcibly(); // SIGKILL also ends a stopped process
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
