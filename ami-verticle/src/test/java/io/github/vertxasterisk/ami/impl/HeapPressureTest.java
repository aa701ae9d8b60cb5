package io.github.vertxasterisk.ami.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxHeapPercent} (80 by default) must be reachable before the heap runs out, whatever the
 * collector: a JVM of its own fills its heap with live data until HeapPressure reports the bound.
 */
class HeapPressureTest {

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseSerialGC", "-XX:+UseG1GC", "-XX:+UseParallelGC"})
  void theDefaultBoundIsReportedBeforeTheHeapRunsOut(String collector) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process filler = new ProcessBuilder(java, "-Xmx64m", collector, "-cp", System.getProperty("java.class.path"),
      HeapFiller.class.getName(), "80").redirectErrorStream(true).start();
    try {
      assertThat(filler.waitFor(60, TimeUnit.SECONDS)).as("the filler finished").isTrue();
      String output = new String(filler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(output).as(collector).contains("bound reported");
      assertThat(filler.exitValue()).as(output).isZero();
    } finally {
      filler.destroyForcibly();
    }
  }
}
