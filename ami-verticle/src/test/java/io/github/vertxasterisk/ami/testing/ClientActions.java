package io.github.vertxasterisk.ami.testing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** For fake AMI peers: splits what a client writes into its actions (blocks ending with an empty line). */
public final class ClientActions {
  private ClientActions() {
  }

  /** A socket handler that hands each complete action, without its final CRLF CRLF, to {@code onAction}. */
  public static Handler<Buffer> handler(Consumer<String> onAction) {
    StringBuilder pending = new StringBuilder();
    return data -> {
      pending.append(data.toString(StandardCharsets.ISO_8859_1));
      int end;
      while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
        String action = pending.substring(0, end);
        pending.delete(0, end + 4);
        onAction.accept(action);
      }
    };
  }
}
