package io.github.vertxasterisk.ami.impl;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import java.util.List;

/**
 * What Asterisk answered to one action: its response, the events that belong to it (event-list items,
 * or the OriginateResponse of an async Originate) and, for a list, the closing {@code ...Complete} event.
 */
record ActionResult(AmiMessage response, List<AmiMessage> events, AmiMessage complete) {

  boolean isError() {
    return "Error".equalsIgnoreCase(response.get(AmiMessage.RESPONSE));
  }
}
