package io.innkeeper.billing;

import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * A payment provider that charges a tenant's stored payment method (Stripe, {@code billing.card}). The caller hands a
 * taken payment to {@code Ledger#record} with the gateway's reference, which makes a payment reported twice (by the
 * answer and again by a webhook) count once.
 */
public interface PaymentGateway {

    /** Stable id of the gateway, for example {@code stripe}. */
    String id();

    /**
     * Charges the tenant's stored payment method. The same {@code idempotencyKey} sent again answers the first
     * charge again instead of charging twice, so a caller that lost the answer retries with the same key.
     */
    Charge charge(UUID tenantId, Money amount, String invoiceNumber, String idempotencyKey);

    /** The gateway's answer: its own reference for the payment, or why it failed. */
    record Charge(boolean succeeded, String reference, String message) {
    }
}
