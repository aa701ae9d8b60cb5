package io.github.vertxasterisk.bench.codec;

import io.github.vertxasterisk.ami.codec.AmiMessage;
import io.github.vertxasterisk.ami.codec.AmiParser;
import java.util.function.Consumer;

/** Counts the events of a recorded stream and hands each message on; the stream is valid AMI, so anything else is a bug. */
final class CountingListener implements AmiParser.Listener {
  private final Consumer<AmiMessage> next;
  int events;

  CountingListener(Consumer<AmiMessage> next) {
    this.next = next;
  }

  @Override
  public void banner(String amiVersion) {
  }

  @Override
  public void message(AmiMessage message) {
    if (message.isEvent()) {
      events++;
    }
    next.accept(message);
  }

  @Override
  public void rejected(String reason) {
    throw new IllegalStateException("the recorded stream is valid AMI, yet: " + reason);
  }

  @Override
  public void fatal(String reason) {
    throw new IllegalStateException(reason);
  }
}
