package io.innkeeper.billing.tax;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.innkeeper.kernel.Money;

/**
 * Computes an invoice's VAT. The rule: VAT is computed once per invoice, on the sum of its net lines (each already
 * rounded to the cent), as net x rate / 100, and rounded once to the currency's minor unit with the configured
 * rounding ({@link RoundingMode#HALF_EVEN} unless the seller country's practice asks otherwise; Germany's tax
 * authorities accept commercial rounding, {@link RoundingMode#HALF_UP}). Rounding per invoice, not per line, keeps
 * the tax exact to the cent against the total the customer sees. Gross is net plus that tax.
 */
public final class Taxation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Taxation() {
    }

    public static TaxLine tax(Money net, TaxTreatment treatment, String rateCountry, BigDecimal ratePercent,
            RoundingMode rounding) {
        if (!treatment.charged()) {
            return new TaxLine(treatment, rateCountry, BigDecimal.ZERO, net, Money.zero(net.currency()).rounded(),
                    treatment.note());
        }
        if (ratePercent == null || ratePercent.signum() < 0 || ratePercent.compareTo(HUNDRED) >= 0) {
            throw new IllegalArgumentException("no VAT rate for " + rateCountry + ": " + ratePercent);
        }
        BigDecimal exact = net.amount().multiply(ratePercent).divide(HUNDRED);
        BigDecimal rounded = exact.setScale(net.currency().getDefaultFractionDigits(), rounding);
        return new TaxLine(treatment, rateCountry, ratePercent, net, new Money(rounded, net.currency()), "");
    }
}
