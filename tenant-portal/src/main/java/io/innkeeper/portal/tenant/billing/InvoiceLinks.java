package io.innkeeper.portal.tenant.billing;

import java.util.UUID;

import io.quarkus.qute.TemplateExtension;

/** The invoice pages' URLs and display helpers; templates call them as {@code {invoices:invoice(id)}}. */
@TemplateExtension(namespace = "invoices")
public final class InvoiceLinks {

    public static final String INVOICES = "/invoices";
    public static final String TAX_DETAILS = "/billing-details";
    /** A reseller's invoicing of its customers: seller details, logo and price list. */
    public static final String RESELLER_BILLING = "/customers/billing";
    /** A reseller's margin per customer and month. */
    public static final String RESELLER_MARGINS = "/customers/margins";
    public static final String PAYMENTS = "/payments";

    private InvoiceLinks() {
    }

    static String taxDetails() {
        return TAX_DETAILS;
    }

    static String resellerBilling() {
        return RESELLER_BILLING;
    }

    static String resellerMargins() {
        return RESELLER_MARGINS;
    }

    static String list() {
        return INVOICES;
    }

    static String invoice(UUID id) {
        return INVOICES + "/" + id;
    }

    static String pay(UUID id) {
        return invoice(id) + "/pay";
    }

    static String payments() {
        return PAYMENTS;
    }

    static String topUp() {
        return PAYMENTS + "/top-up";
    }

    static String autoCharge() {
        return PAYMENTS + "/auto-charge";
    }

    static String forgetCard() {
        return PAYMENTS + "/card/forget";
    }

    static String pdf(UUID id) {
        return invoice(id) + "/pdf";
    }

    static String usage(UUID id) {
        return invoice(id) + "/usage";
    }

    static String serverUsage(UUID id, UUID server) {
        return usage(id) + "?server=" + server;
    }

    /** Exact bytes with thousands separators: billing never rounds bytes. */
    static String bytes(long value) {
        return String.format("%,d", value);
    }
}
