package io.github.vertxasterisk.ami.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.ami.codec.Captures.Recorder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Capture 05's Status event ends with its ActionID (line 33 of 33). Dropped for maxHeaders 32, the parser
 * must still name the action (148a3be: "seen before or after the limit was crossed").
 */
class RejectedActionIdAtTheLimitTest {

  @Test
  void theActionIdOnTheLineThatCrossesTheLimitIsReported() {
    String server = new String(Captures.server("05-call-up-coreshowchannels-status-vars-hangup"), StandardCharsets.ISO_8859_1);
    int start = server.indexOf("Event: Status\r\n");
    String status = server.substring(start, server.indexOf("\r\n\r\n", start) + 4);
    assertThat(status.split("\r\n")).hasSize(33).endsWith("ActionID: status-all");

    Recorder byHeaders = new Recorder();
    new AmiParser(new AmiCodecLimits(1024, 1 << 20, 32), byHeaders, false).handle(Buffer.buffer(status));
    Recorder byBytes = new Recorder();
    new AmiParser(new AmiCodecLimits(128, status.length() - 4, 1000), byBytes, false).handle(Buffer.buffer(status));

    assertThat(byHeaders.rejected).hasSize(1);
    assertThat(byBytes.rejected).hasSize(1);
    assertThat(java.util.List.of(byHeaders.rejectedActionIds, byBytes.rejectedActionIds))
      .as("ActionIDs reported when dropped by maxHeaders, by maxMessageBytes")
      .containsExactly(java.util.List.of("status-all"), java.util.List.of("status-all"));
  }
}
