package io.github.vertxasterisk.ari.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vertxasterisk.common.FailureCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AriErrorCodeTest {

  @Test
  void stableCodesAndSlugs() {
    assertThat(AriErrorCode.UNKNOWN_OPERATION.code()).isEqualTo(460);
    assertThat(AriErrorCode.MISSING_PARAMETER.code()).isEqualTo(461);
    assertThat(AriErrorCode.UNKNOWN_PARAMETER.code()).isEqualTo(462);
    assertThat(AriErrorCode.INVALID_VALUE.code()).isEqualTo(463);
    assertThat(Arrays.stream(AriErrorCode.values()).map(AriErrorCode::slug))
        .containsExactly("unknown-operation", "missing-parameter", "unknown-parameter",
            "invalid-value");
  }

  @Test
  void codesDoNotCollideWithTheSuiteWideFailureCodes() {
    for (AriErrorCode ec : AriErrorCode.values()) {
      for (FailureCode fc : FailureCode.values()) {
        assertThat(ec.code()).isNotEqualTo(fc.code());
      }
    }
  }

  @Test
  void replyExceptionCarriesCodeAndSlugPrefixedMessage() {
    ReplyException e = AriErrorCode.MISSING_PARAMETER.exception("channels.originate needs 'endpoint'");
    assertThat(e.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
    assertThat(e.failureCode()).isEqualTo(461);
    assertThat(e.getMessage()).isEqualTo("missing-parameter: channels.originate needs 'endpoint'");
    assertThat(AriErrorCode.of(e)).isEqualTo(AriErrorCode.MISSING_PARAMETER);
    assertThat(AriErrorCode.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "x"))).isNull();
    assertThat(AriErrorCode.of(new IllegalStateException())).isNull();
  }
}
