package io.github.vertxasterisk.clustertest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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

  public void freeze() throws IOException, InterruptedException {
    signal("STOP");
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
