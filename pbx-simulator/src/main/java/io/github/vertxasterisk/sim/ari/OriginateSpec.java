package io.github.vertxasterisk.sim.ari;

import java.util.List;
import java.util.Map;

/**
 * A validated originate / create request: the Local endpoint's exten@context, where the ;1 half
 * goes (a Stasis app with args, or context/extension/priority) and the channel's details.
 */
record OriginateSpec(String exten, String context, String app, List<String> appArgs,
                     String dialplanContext, String dialplanExten, int dialplanPriority,
                     String callerName, String callerNum, Map<String, String> variables,
                     String channelId, String otherChannelId) {

  String dialString() {
    return exten + "@" + context;
  }

  /** {@code Stasis} app data as Asterisk shows it: {@code demo-app,first,second}. */
  String stasisData() {
    return appArgs.isEmpty() ? app : app + "," + String.join(",", appArgs);
  }

  boolean hasCallerId() {
    return callerName != null || callerNum != null;
  }
}
