package io.innkeeper.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * A payment was booked to a tenant's ledger. {@code invoiceId} and {@code invoiceNumber} name the oldest invoice it
 * paid towards (null when it all became prepaid credit); {@code outstanding} is what the tenant's invoices still owe
 * after it, zero when they are paid in full. Fired synchronously in the payment's transaction.
 */
public record PaymentReceived(UUID tenantId, UUID paymentId, Money amount, String reference, UUID invoiceId,
        String invoiceNumber, Money outstanding, Instant at) {

    public boolean paidInFull() {
        return outstanding.amount().signum() <= 0;
    }
}
