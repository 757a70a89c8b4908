package io.innkeeper.billing.invoice;

import java.util.UUID;

import io.innkeeper.kernel.Money;

/** What an invoice run did for one tenant. */
public record Outcome(UUID tenantId, String tenantName, Kind kind, UUID invoiceId, String number, Money total,
        String detail) {

    public enum Kind {
        /** A new invoice was issued. */
        ISSUED,
        /** The tenant had its invoice for the month already; nothing changed. */
        EXISTING,
        /** Nothing to bill for the month; no invoice and no number used. */
        EMPTY,
        /** The month has not ended yet in the tenant's time zone. */
        NOT_ENDED,
        /** Rating failed, for example a plan priced in another currency; nothing was stored. */
        FAILED
    }
}
