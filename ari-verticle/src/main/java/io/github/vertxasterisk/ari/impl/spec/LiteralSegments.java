package io.github.vertxasterisk.ari.impl.spec;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The literal path segments that follow each path prefix in an API: the values a path parameter
 * cannot take. Asterisk's router tries a segment's literal names before its placeholder, so
 * {@code POST /channels/create} is {@code channels.create}, never {@code channels.originateWithId}
 * of a channel named {@code create}, and {@code /channels/create/answer} is no operation at all.
 */
final class LiteralSegments {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]+}");

  /** By template prefix with its placeholders written {@code {}}, e.g. {@code /channels/}. */
  private final Map<String, Set<String>> byPrefix = new HashMap<>();

  LiteralSegments(Collection<AriOperation> operations) {
    for (AriOperation op : operations) {
      String template = op.pathTemplate();
      int slash = template.indexOf('/');
      while (slash >= 0) {
        int next = template.indexOf('/', slash + 1);
        String segment = template.substring(slash + 1, next < 0 ? template.length() : next);
        if (!segment.isEmpty() && !PLACEHOLDER.matcher(segment).matches()) {
          String prefix = prefixKey(template.substring(0, slash + 1));
          byPrefix.computeIfAbsent(prefix, k -> new HashSet<>()).add(segment);
        }
        slash = next;
      }
    }
  }

  /**
   * @param templatePrefix the template up to a placeholder, e.g. {@code /channels/}
   * @param value the placeholder's value, as Asterisk decodes it
   */
  boolean isLiteralAfter(String templatePrefix, String value) {
    return byPrefix.getOrDefault(prefixKey(templatePrefix), Set.of()).contains(value);
  }

  private static String prefixKey(String templatePrefix) {
    return PLACEHOLDER.matcher(templatePrefix).replaceAll("{}");
  }
}
