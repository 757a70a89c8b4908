package io.innkeeper.billing.tax;

import java.util.Set;

/**
 * Which VAT treatment an invoice gets, decided once, for electronically supplied services sold from one member
 * state. The place of supply is the customer's country (art. 58); a business customer of another member state that
 * gives its VAT id pays none and accounts for it itself (reverse charge, art. 196); a customer in the seller's own
 * country pays the seller's rate whatever it is; outside the EU no EU VAT applies. A customer whose country is not
 * known is treated as one at home: the seller's VAT is charged rather than none.
 */
public final class TaxRules {

    /** The 27 member states, by ISO 3166 code (Greece is GR here, EL only in VAT ids). */
    public static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
            "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

    private TaxRules() {
    }

    /**
     * The treatment of an invoice from a seller established in {@code sellerCountry} ({@code null}: the deployment
     * charges no VAT) to {@code customer}.
     */
    public static TaxTreatment treatment(String sellerCountry, TaxCustomer customer) {
        if (sellerCountry == null || sellerCountry.isBlank()) {
            return TaxTreatment.NONE;
        }
        if (!EU.contains(sellerCountry)) {
            throw new IllegalArgumentException("the seller country must be an EU member state: " + sellerCountry);
        }
        String country = customer.country();
        if (country == null || country.equals(sellerCountry)) {
            return TaxTreatment.DOMESTIC;
        }
        if (!EU.contains(country)) {
            return TaxTreatment.OUTSIDE_EU;
        }
        if (customer.business() && customer.vatId() != null && customer.vatId().country().equals(country)) {
            return TaxTreatment.REVERSE_CHARGE;
        }
        return TaxTreatment.EU_CONSUMER;
    }

    /** The country whose rate applies: the seller's at home, the customer's elsewhere in the EU. */
    public static String rateCountry(String sellerCountry, TaxCustomer customer, TaxTreatment treatment) {
        return treatment == TaxTreatment.DOMESTIC ? sellerCountry : customer.country();
    }
}
