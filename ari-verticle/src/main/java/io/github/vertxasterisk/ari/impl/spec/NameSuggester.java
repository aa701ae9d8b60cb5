package io.github.vertxasterisk.ari.impl.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the known names a mistyped one was probably meant to be (for "did you mean" hints). */
final class NameSuggester {
  private static final int MAX_SUGGESTIONS = 3;

  private NameSuggester() {
  }

  /**
   * Names within a small edit distance of {@code wanted} (case ignored), closest first; for dotted
   * operation names also those with the same nickname, so {@code originate} or
   * {@code channel.originate} both find {@code channels.originate}.
   */
  static List<String> suggest(String wanted, Collection<String> known) {
    String w = wanted.toLowerCase(Locale.ROOT);
    String wNick = w.substring(w.lastIndexOf('.') + 1);
    int threshold = Math.max(2, w.length() / 4);
    List<Scored> scored = new ArrayList<>();
    for (String name : known) {
      String n = name.toLowerCase(Locale.ROOT);
      int d = distance(w, n);
      if (d > threshold && n.substring(n.lastIndexOf('.') + 1).equals(wNick)) {
        d = threshold;
      }
      if (d <= threshold) {
        scored.add(new Scored(name, d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < scored.size() && i < MAX_SUGGESTIONS; i++) {
      out.add(scored.get(i).name());
    }
    return out;
  }

  /** " Did you mean a or b?" or "" when nothing is close. */
  static String hint(String wanted, Collection<String> known) {
    List<String> s = suggest(wanted, known);
    return s.isEmpty() ? "" : " Did you mean " + String.join(" or ", s) + "?";
  }

  /** Levenshtein distance, two rows. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int subst = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(subst, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private record Scored(String name, int distance) {
  }
}
