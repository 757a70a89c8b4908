package io.innkeeper.billing.tax;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.Money;

/**
 * The VAT of an invoice for this deployment: {@link TaxRules} with the configured seller country, the configured
 * rate of the country that applies, and {@link Taxation}'s rounding. The invoice run and the month's projection
 * both ask here.
 */
@ApplicationScoped
public class InvoiceTax {

    @Inject
    TaxConfig config;

    public TaxLine of(Money net, TaxCustomer customer) {
        String seller = config.sellerCountry().map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        TaxTreatment treatment = TaxRules.treatment(seller, customer);
        String country = treatment == TaxTreatment.NONE ? null : TaxRules.rateCountry(seller, customer, treatment);
        BigDecimal rate = treatment.charged() ? config.rates().get(country) : null;
        return Taxation.tax(net, treatment, country, rate, config.rounding());
    }
}
