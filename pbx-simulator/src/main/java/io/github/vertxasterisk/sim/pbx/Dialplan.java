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
  private final Map<String, String> globals = new LinkedHashMap<>();

  /** The dialplan of the capture server: test,100..600, default,s and its [globals] (capture 08, getvar-8). */
  public static Dialplan captureDefault() {
    return new Dialplan()
        .global("CAPTURE_GLOBAL", "hello")
        .exten("test", "100", new Step("Answer", ""), new Step("Set", "CALLKIND=demo"), new Step("Wait", "1"),
            new Step("Playback", "demo-congrats"), new Step("Wait", "20"), new Step("Hangup", ""))
        .exten("test", "200", new Step("NoOp", "into Stasis"), new Step("Stasis", "demo-app,arg1,arg2"),
            new Step("Hangup", ""))
        .exten("test", "300", new Step("Answer", ""), new Step("Wait", "30"), new Step("Hangup", ""))
        .exten("test", "400", new Step("Answer", ""), new Step("Echo", ""))
        .exten("test", "500", new Step("Busy", "3"))
        .exten("test", "600", new Step("Answer", ""), new Step("Set", "BURST=1"), new Step("Wait", "2"),
            new Step("Hangup", ""))
        .exten("default", "s", new Step("Answer", ""), new Step("Wait", "10"), new Step("Hangup", ""));
  }

  public Dialplan exten(String context, String exten, Step... steps) {
    contexts.computeIfAbsent(context, c -> new LinkedHashMap<>()).put(exten, List.of(steps));
    return this;
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
