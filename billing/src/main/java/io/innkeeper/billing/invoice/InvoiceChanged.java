package io.innkeeper.billing.invoice;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * An invoice was issued, became fully paid, or went overdue (its first dunning step). Fired synchronously inside the
 * transaction of the change, so observers (the core's webhook outbox) write in that transaction too; billing knows
 * nothing of them.
 */
public record InvoiceChanged(Kind kind, UUID invoiceId, UUID tenantId, String number, String period, Money total,
        Money paid, Instant dueAt) {

    public enum Kind {
        ISSUED,
        PAID,
        OVERDUE
    }
}
