package io.github.vertxasterisk.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final LogBudget budget = new LogBudget(3, 200, nanos::get);

  @Test
  void admitsSoManyPerWindowThenSaysHowManyWereLeftOut() {
    assertThat(budget.admit()).isEmpty();
    assertThat(budget.admit()).isEmpty();
    assertThat(budget.admit()).contains("only counted");
    for (int i = 0; i < 1000; i++) {
      assertThat(budget.admit()).isNull();
    }
    nanos.addAndGet(199_000_000); // still the same window
    assertThat(budget.admit()).isNull();

    nanos.addAndGet(1_000_000); // the next window
    assertThat(budget.admit()).contains("1001 more like it were not logged");
    assertThat(budget.admit()).isEmpty();
  }
}
