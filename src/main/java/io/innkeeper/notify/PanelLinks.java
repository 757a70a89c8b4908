package io.innkeeper.notify;

import java.util.UUID;

import io.innkeeper.kernel.PublicAddress;

/** The panel pages billing mails link to, from the configured public address. */
final class PanelLinks {

    private PanelLinks() {
    }

    static String invoices(PublicAddress address) {
        return address.base() + "/invoices";
    }

    /** An invoice's page, or the invoice list when there is no invoice to name. */
    static String invoice(PublicAddress address, String invoiceId) {
        return invoiceId == null || invoiceId.isBlank() ? invoices(address) : invoices(address) + "/" + invoiceId;
    }

    static String invoice(PublicAddress address, UUID invoiceId) {
        return invoice(address, invoiceId == null ? null : invoiceId.toString());
    }
}
