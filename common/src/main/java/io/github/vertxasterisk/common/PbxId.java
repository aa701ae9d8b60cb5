package io.github.vertxasterisk.common;

import java.util.regex.Pattern;

/** PBX ids become part of event-bus addresses: letters, digits, '-' and '_' only. */
public final class PbxId {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private PbxId() {
  }

  public static String require(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
        "PBX id must be 1-64 letters, digits, '-' or '_' (it is part of event-bus addresses), got: " + id);
    }
    return id;
  }
}
