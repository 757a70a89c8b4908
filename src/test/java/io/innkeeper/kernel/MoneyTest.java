package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsFullPrecisionUntilRounded() {
        Money hourly = Money.of("0.0070", "EUR");
        Money month = hourly.times(744);
        assertThat(month.amount()).isEqualByComparingTo("5.2080");
        assertThat(month.rounded().amount()).isEqualByComparingTo("5.21");
        assertThat(month.rounded().amount().scale()).isEqualTo(2);
    }

    @Test
    void roundsHalfToEvenOnce() {
        assertThat(Money.of("0.125", "EUR").rounded().amount()).isEqualByComparingTo("0.12");
        assertThat(Money.of("0.135", "EUR").rounded().amount()).isEqualByComparingTo("0.14");
        assertThat(Money.of("7.5", "JPY").rounded().amount()).isEqualByComparingTo("8");
    }

    @Test
    void capsAtMonthlyPrice() {
        assertThat(Money.of("5.208", "EUR").min(Money.of("4.50", "EUR"))).isEqualTo(Money.of("4.50", "EUR"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currency mismatch");
    }
}
