package io.innkeeper.billing.tax;

import java.math.BigDecimal;
import java.util.Objects;

import io.innkeeper.kernel.Money;

/**
 * The VAT of one invoice: its treatment, the country and rate (percent) that apply, the net amount it is computed
 * on, the tax, and the note the invoice carries where none is charged. Rate and tax are zero where the treatment
 * charges none.
 */
public record TaxLine(TaxTreatment treatment, String country, BigDecimal ratePercent, Money net, Money tax,
        String note) {

    public TaxLine {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(ratePercent, "ratePercent");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(tax, "tax");
        note = note == null ? "" : note;
    }

    public Money gross() {
        return net.plus(tax);
    }

    /** "VAT 19 %", "VAT 25.5 %", or the treatment's note where none is charged. */
    public String label() {
        return treatment.charged() ? "VAT " + ratePercent.stripTrailingZeros().toPlainString() + " %" : note;
    }
}
