package io.innkeeper.billing.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.junit.jupiter.api.Test;

import io.innkeeper.kernel.Money;

class TaxationTest {

    private static TaxLine tax(String net, String rate, RoundingMode mode) {
        return Taxation.tax(Money.of(net, "EUR"), TaxTreatment.DOMESTIC, "DE", new BigDecimal(rate), mode);
    }

    @Test
    void nineteenPercentOfAHundredIsNineteen() {
        TaxLine line = tax("100.00", "19", RoundingMode.HALF_EVEN);
        assertThat(line.tax()).isEqualTo(Money.of("19.00", "EUR"));
        assertThat(line.gross()).isEqualTo(Money.of("119.00", "EUR"));
        assertThat(line.label()).isEqualTo("VAT 19 %");
    }

    @Test
    void aHalfCentRoundsToEvenOrUpAsConfigured() {
        // 0.50 x 21 % = 0.105 exactly: half-even keeps 0.10, half-up gives 0.11.
        assertThat(tax("0.50", "21", RoundingMode.HALF_EVEN).tax()).isEqualTo(Money.of("0.10", "EUR"));
        assertThat(tax("0.50", "21", RoundingMode.HALF_UP).tax()).isEqualTo(Money.of("0.11", "EUR"));
        // 0.70 x 25.5 % = 0.1785: no tie, both round to 0.18.
        assertThat(tax("0.70", "25.5", RoundingMode.HALF_EVEN).tax()).isEqualTo(Money.of("0.18", "EUR"));
        assertThat(tax("0.70", "25.5", RoundingMode.HALF_EVEN).label()).isEqualTo("VAT 25.5 %");
    }

    @Test
    void taxIsRoundedOncePerInvoiceNotPerLine() {
        // Ten lines of 0.02 at 19 %: each line's 0.0038 would round to 0.00 and charge nothing; the invoice's net
        // 0.20 gives 0.038, rounded once to 0.04.
        assertThat(tax("0.20", "19", RoundingMode.HALF_EVEN).tax()).isEqualTo(Money.of("0.04", "EUR"));
        assertThat(tax("1.05", "19", RoundingMode.HALF_EVEN).tax()).isEqualTo(Money.of("0.20", "EUR"));
    }

    @Test
    void reverseChargeAddsNoTaxAndCarriesItsNote() {
        TaxLine line = Taxation.tax(Money.of("42.17", "EUR"), TaxTreatment.REVERSE_CHARGE, "FR", new BigDecimal("20"),
                RoundingMode.HALF_EVEN);
        assertThat(line.tax()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(line.gross()).isEqualTo(Money.of("42.17", "EUR"));
        assertThat(line.ratePercent()).isEqualByComparingTo("0");
        assertThat(line.label()).contains("Reverse charge");
    }

    @Test
    void aChargedTreatmentWithoutARateIsRefused() {
        assertThatThrownBy(() -> Taxation.tax(Money.of("1.00", "EUR"), TaxTreatment.EU_CONSUMER, "XX", null,
                RoundingMode.HALF_EVEN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    }

    @Test
    void yenHasNoCents() {
        TaxLine line = Taxation.tax(Money.of("1005", "JPY"), TaxTreatment.DOMESTIC, "DE", new BigDecimal("10"),
                RoundingMode.HALF_EVEN);
        assertThat(line.tax()).isEqualTo(Money.of("100", "JPY"));
    }
}
