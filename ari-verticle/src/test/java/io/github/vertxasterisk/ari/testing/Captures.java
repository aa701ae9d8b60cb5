package io.github.vertxasterisk.ari.testing;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Asterisk 22.10.1 recordings copied under src/test/resources/captures/ari. */
public final class Captures {
  private Captures() {
  }

  public static Path dir() {
    try {
      return Path.of(Captures.class.getResource("/captures/ari").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The recorded files whose names end with {@code suffix}, sorted by name. */
  public static List<Path> files(String suffix) {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One JSON object per non-empty line. */
  public static List<JsonObject> lines(Path file) {
    try {
      List<JsonObject> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(new JsonObject(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonObject> lines(String fileName) {
    return lines(dir().resolve(fileName));
  }
}
