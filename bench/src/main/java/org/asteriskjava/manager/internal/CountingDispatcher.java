package org.asteriskjava.manager.internal;

import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ProtocolIdentifierReceivedEvent;
import org.asteriskjava.manager.response.ManagerResponse;

/**
 * Bench support, in asterisk-java's package because its {@code Dispatcher} is package-private: what
 * {@link ManagerReaderImpl} hands its connection, here counting the events it built and passing them
 * to a sink (a JMH Blackhole) so the JIT cannot drop the work.
 */
public final class CountingDispatcher implements Dispatcher {
  private final java.util.function.Consumer<Object> sink;
  private long events;

  public CountingDispatcher(java.util.function.Consumer<Object> sink) {
    this.sink = sink;
  }

  /** A reader on a stream that is already complete: run() reads until its end. */
  public static ManagerReaderImpl reader(CountingDispatcher dispatcher) {
    return new ManagerReaderImpl(dispatcher, "bench");
  }

  @Override
  public void dispatchResponse(ManagerResponse response, Integer requiredHandlingTime) {
    sink.accept(response);
  }

  @Override
  public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
    // The reader's own markers (banner seen, end of stream) are not events of the stream.
    if (!(event instanceof ProtocolIdentifierReceivedEvent) && !(event instanceof DisconnectEvent)) {
      events++;
    }
    sink.accept(event);
  }

  @Override
  public void stop() {
  }

  public long events() {
    return events;
  }

  public void reset() {
    events = 0;
  }
}
