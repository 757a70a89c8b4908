package io.innkeeper.billing.tax;

/**
 * How VAT applies to a customer's invoice for the panel's services, which EU law counts as electronically supplied
 * services (Directive 2006/112/EC, art. 58 and 196).
 */
public enum TaxTreatment {
    /** No VAT is charged at all: the deployment has no seller country configured. */
    NONE(false, ""),
    /** A customer in the seller's own country, business or not: the seller's rate. */
    DOMESTIC(true, ""),
    /** A consumer (or a business without a VAT id) in another member state: that state's rate (art. 58, OSS). */
    EU_CONSUMER(true, ""),
    /** A business with a VAT id of another member state: no VAT charged; the customer accounts for it. */
    REVERSE_CHARGE(false, "Reverse charge: VAT to be accounted for by the recipient (Article 196, Directive "
            + "2006/112/EC)."),
    /** A customer outside the EU: outside the scope of EU VAT. */
    OUTSIDE_EU(false, "Not subject to EU VAT: the customer is established outside the European Union.");

    private final boolean charged;
    private final String note;

    TaxTreatment(boolean charged, String note) {
        this.charged = charged;
        this.note = note;
    }

    /** Whether the invoice adds VAT. */
    public boolean charged() {
        return charged;
    }

    /** The words the invoice must carry where no VAT is charged; empty where none are needed. */
    public String note() {
        return note;
    }
}
