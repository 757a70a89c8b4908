package io.innkeeper.notify;

import java.util.UUID;

/** The panel pages billing mails link to, from the configured public address. */
final class PanelLinks {

    private PanelLinks() {
    }

    static String invoices(NotificationConfig config) {
        return config.publicUrl().replaceAll("/+$", "") + "/invoices";
    }

    /** An invoice's page, or the invoice list when there is no invoice to name. */
    static String invoice(NotificationConfig config, String invoiceId) {
        return invoiceId == null || invoiceId.isBlank() ? invoices(config) : invoices(config) + "/" + invoiceId;
    }

    static String invoice(NotificationConfig config, UUID invoiceId) {
        return invoice(config, invoiceId == null ? null : invoiceId.toString());
    }
}
