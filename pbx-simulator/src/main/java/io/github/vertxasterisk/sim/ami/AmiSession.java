package io.github.vertxasterisk.sim.ami;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * One AMI TCP connection: its login state, event mask and filters.
 * Confined to the server's event-loop context.
 */
final class AmiSession {

  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

  private final long id;
  private final NetSocket socket;
  private final AmiServer server;
  private final List<EventFilter> includeFilters = new ArrayList<>();
  private final List<EventFilter> excludeFilters = new ArrayList<>();
  private boolean authenticated;
  private boolean closing;
  private boolean closed;
  private String challenge;
  private String username;
  private EventMask mask = EventMask.ALL;
  private int eventSelection;

  AmiSession(long id, NetSocket socket, AmiServer server) {
    this.id = id;
    this.socket = socket;
    this.server = server;
  }

  void start(int maxActionBytes) {
    AmiActionParser parser = new AmiActionParser(maxActionBytes, this::onAction, this::close);
    socket.handler(data -> {
      if (!closing && !server.isFrozen()) {
        parser.feed(data);
      }
    });
    socket.closeHandler(v -> {
      closed = true;
      server.sessionClosed(this);
    });
    socket.exceptionHandler(e -> close());
    writeRaw(BANNER);
  }

  private void onAction(AmiMessage action) {
    if (!closing) {
      server.actionReceived(this, action);
    }
  }

  long id() { return id; }
  NetSocket socket() { return socket; }
  boolean isAuthenticated() { return authenticated; }
  String challenge() { return challenge; }
  String username() { return username; }
  boolean isClosed() { return closed; }

  void challenge(String c) { challenge = c; }
  void mask(EventMask m) {
    mask = m;
    eventSelection++;
  }

  /** Changes whenever the mask or the filters change: what the session receives was re-selected. */
  int eventSelection() { return eventSelection; }

  void authenticated(String user) {
    authenticated = true;
    username = user;
  }

  /** Stops reading actions (login failure, logoff) while a last answer may still be written. */
  void closing() { closing = true; }

  void addFilter(EventFilter f) {
    (f.isExclude() ? excludeFilters : includeFilters).add(f);
    eventSelection++;
  }

  void send(AmiMessage m) {
    writeRaw(m.toString());
  }

  void writeRaw(String text) {
    write(Buffer.buffer(text));
  }

  void write(Buffer data) {
    if (!closed && !server.isFrozen()) { // frozen: swallow everything, keep the socket open
      socket.write(data);
    }
  }

  /** Ordinary events: only for logged-in sessions whose mask and filters let them through. */
  void deliverEvent(AmiMessage event) {
    String text = eventText(event);
    if (text != null) {
      writeRaw(text);
    }
  }

  /** The event's wire text if this session's mask and filters let it through, else null. */
  String eventText(AmiMessage event) {
    if (!authenticated || closing || closed || !mask.accepts(event)) {
      return null;
    }
    String text = event.toString();
    if (!includeFilters.isEmpty() || !excludeFilters.isEmpty()) {
      boolean in = includeFilters.isEmpty() || includeFilters.stream().anyMatch(f -> f.matches(event, text));
      boolean out = excludeFilters.stream().anyMatch(f -> f.matches(event, text));
      if (!in || out) {
        return null;
      }
    }
    return text;
  }

  boolean wantsEvents() {
    return authenticated && !closing && !closed && !mask.isOff();
  }

  void close() {
    closing = true;
    if (!closed) {
      socket.close();
    }
  }
}
