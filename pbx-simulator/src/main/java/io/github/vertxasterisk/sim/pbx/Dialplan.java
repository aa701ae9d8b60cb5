package io.github.vertxasterisk.sim.pbx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny static dialplan deciding what an originated Local channel does.
 * The default is the dialplan of the recorded Asterisk (captures' config/extensions.conf).
 */
public final class Dialplan {

  /** One priority: application and its data, e.g. Wait / 30. */
  public record Step(String app, String data) {
    @Override
    public String toString() {
      return app + "(" + data + ")";
    }
  }

  private final Map<String, Map<String, List<Step>>> contexts = new LinkedHashMap<>();
  private final Map<String, Map<String, Source>> sources = new LinkedHashMap<>();
  private final Map<String, String> globals = new LinkedHashMap<>();

  /**
   * The dialplan of the capture server: test,100..600, default,s and its [globals] (capture 08, getvar-8),
   * at the lines of the recorded server's extensions.conf ({@code dialplan show}, capture 06).
   */
  public static Dialplan captureDefault() {
    String conf = "extensions.conf";
    return new Dialplan()
        .global("CAPTURE_GLOBAL", "hello")
        .exten("test", "100", new Source(conf, 10), new Step("Answer", ""), new Step("Set", "CALLKIND=demo"),
            new Step("Wait", "1"), new Step("Playback", "demo-congrats"), new Step("Wait", "20"),
            new Step("Hangup", ""))
        .exten("test", "200", new Source(conf, 18), new Step("NoOp", "into Stasis"),
            new Step("Stasis", "demo-app,arg1,arg2"), new Step("Hangup", ""))
        .exten("test", "300", new Source(conf, 23), new Step("Answer", ""), new Step("Wait", "30"),
            new Step("Hangup", ""))
        .exten("test", "400", new Source(conf, 28), new Step("Answer", ""), new Step("Echo", ""))
        .exten("test", "500", new Source(conf, 32), new Step("Busy", "3"))
        .exten("test", "600", new Source(conf, 35), new Step("Answer", ""), new Step("Set", "BURST=1"),
            new Step("Wait", "2"), new Step("Hangup", ""))
        .exten("default", "s", new Source(conf, 41), new Step("Answer", ""), new Step("Wait", "10"),
            new Step("Hangup", ""));
  }

  /**
   * Where an extension was written: its priorities on consecutive lines of a config file from
   * firstLine on ({@code exten => 100,1,...} then one {@code same => n,...} per line).
   */
  public record Source(String file, int firstLine) {
  }

  /** An extension with no config file line (as if added at runtime): {@code dialplan show} names only its registrar. */
  public Dialplan exten(String context, String exten, Step... steps) {
    contexts.computeIfAbsent(context, c -> new LinkedHashMap<>()).put(exten, List.of(steps));
    Map<String, Source> ctx = sources.get(context);
    if (ctx != null) {
      ctx.remove(exten);
    }
    return this;
  }

  /** An extension read from a config file, shown by {@code dialplan show} as {@code [file:line]}. */
  public Dialplan exten(String context, String exten, Source source, Step... steps) {
    exten(context, exten, steps);
    sources.computeIfAbsent(context, c -> new LinkedHashMap<>()).put(exten, source);
    return this;
  }

  /** "extensions.conf:12" for priority 3 of an extension starting at line 10, or null when it has no file. */
  public String location(String context, String exten, int priority) {
    Source source = sources.getOrDefault(context, Map.of()).get(exten);
    return source == null ? null : source.file() + ":" + (source.firstLine() + priority - 1);
  }

  /** A {@code [globals]} variable: the PBX starts with it set. */
  public Dialplan global(String name, String value) {
    globals.put(name, value);
    return this;
  }

  public Map<String, String> globals() {
    return Collections.unmodifiableMap(globals);
  }

  /** Context name -> extension -> priorities, in the order they were defined. */
  public Map<String, Map<String, List<Step>>> contexts() {
    return Collections.unmodifiableMap(contexts);
  }

  /** The priorities of context,exten (priority n = index n-1), or null when it does not exist. */
  public List<Step> steps(String context, String exten) {
    Map<String, List<Step>> ctx = contexts.get(context);
    return ctx == null ? null : ctx.get(exten);
  }
}
