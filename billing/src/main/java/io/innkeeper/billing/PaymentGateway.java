package io.innkeeper.billing;

import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * A payment provider (card processor, bank transfer matcher). None ships with the panel; one plugs in as a CDI
 * bean, charges or confirms a payment and hands the result to {@code Ledger#record} with its reference, which
 * makes a payment reported twice count once.
 */
public interface PaymentGateway {

    /** Stable id of the gateway, for example {@code stripe}. */
    String id();

    /** Charges the tenant's stored payment method. */
    Charge charge(UUID tenantId, Money amount, String invoiceNumber);

    /** The gateway's answer: its own reference for the payment, or why it failed. */
    record Charge(boolean succeeded, String reference, String message) {
    }
}
