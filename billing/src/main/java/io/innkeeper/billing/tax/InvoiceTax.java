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
        return tax(net, deploymentSeller(), customer);
    }

    /**
     * The VAT of an invoice a reseller established in {@code sellerCountry} issues to its customer: the same rules
     * with the reseller as seller, where this deployment charges VAT at all (a seller country is configured) and
     * the reseller is established in a member state; otherwise none. The configured rates and rounding apply.
     */
    public TaxLine ofReseller(Money net, String sellerCountry, TaxCustomer customer) {
        boolean charges = deploymentSeller() != null && sellerCountry != null && TaxRules.EU.contains(sellerCountry);
        return tax(net, charges ? sellerCountry : null, customer);
    }

    private String deploymentSeller() {
        return config.sellerCountry().map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    private TaxLine tax(Money net, String seller, TaxCustomer customer) {
        TaxTreatment treatment = TaxRules.treatment(seller, customer);
        String country = treatment == TaxTreatment.NONE ? null : TaxRules.rateCountry(seller, customer, treatment);
        BigDecimal rate = treatment.charged() ? config.rates().get(country) : null;
        return Taxation.tax(net, treatment, country, rate, config.rounding());
    }
}
