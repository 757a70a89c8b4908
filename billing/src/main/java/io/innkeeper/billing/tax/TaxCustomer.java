package io.innkeeper.billing.tax;

/**
 * Who is invoiced, as far as VAT cares: the country the customer is established in (ISO 3166 alpha-2; null for an
 * account made before the panel asked), whether it is a business, and its VAT id where it gave one (only businesses
 * have one).
 */
public record TaxCustomer(String country, boolean business, VatId vatId) {

    public TaxCustomer {
        if (vatId != null && !business) {
            throw new IllegalArgumentException("only a business has a VAT id");
        }
    }

    public static TaxCustomer consumer(String country) {
        return new TaxCustomer(country, false, null);
    }

    public static TaxCustomer business(String country, VatId vatId) {
        return new TaxCustomer(country, true, vatId);
    }
}
