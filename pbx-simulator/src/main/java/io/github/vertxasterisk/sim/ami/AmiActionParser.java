package io.github.vertxasterisk.sim.ami;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental, lenient parser of client actions, as Asterisk's manager.c reads them:
 * CRLF or bare LF line endings, header names in any case, optional space after the colon,
 * and an empty line ends a message (even an empty one: Asterisk then answers "Missing action").
 * Input is bounded: more than {@code maxMessageBytes} without a message end is reported as overflow.
 */
final class AmiActionParser {

  private final int maxMessageBytes;
  private final Consumer<AmiMessage> onMessage;
  private final Runnable onOverflow;
  private Buffer pending = Buffer.buffer();
  private AmiMessage current = new AmiMessage();
  private int currentBytes;
  private boolean failed;

  AmiActionParser(int maxMessageBytes, Consumer<AmiMessage> onMessage, Runnable onOverflow) {
    this.maxMessageBytes = maxMessageBytes;
    this.onMessage = onMessage;
    this.onOverflow = onOverflow;
  }

  void feed(Buffer data) {
    if (failed) {
      return;
    }
    pending.appendBuffer(data);
    int start = 0;
    int len = pending.length();
    for (int i = 0; i < len; i++) {
      if (pending.getByte(i) == '\n') {
        int end = i;
        if (end > start && pending.getByte(end - 1) == '\r') {
          end--;
        }
        currentBytes += i + 1 - start;
        line(pending.getString(start, end, StandardCharsets.UTF_8.name()));
        start = i + 1;
        if (failed) {
          return;
        }
      }
    }
    pending = start == 0 ? pending : pending.getBuffer(start, len);
    if (currentBytes + pending.length() > maxMessageBytes) {
      failed = true;
      onOverflow.run();
    }
  }

  private void line(String line) {
    if (line.isEmpty()) {
      AmiMessage done = current;
      current = new AmiMessage();
      currentBytes = 0;
      onMessage.accept(done);
      return;
    }
    if (currentBytes > maxMessageBytes) {
      failed = true;
      onOverflow.run();
      return;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return; // Asterisk keeps such lines but no lookup can ever match them
    }
    String name = line.substring(0, colon).trim();
    String value = line.substring(colon + 1).stripLeading();
    current.add(name, value);
  }
}
