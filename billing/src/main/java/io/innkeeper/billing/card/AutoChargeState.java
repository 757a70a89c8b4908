package io.innkeeper.billing.card;

/** Where an automatic charge of an issued invoice stands. */
public enum AutoChargeState {
    /** Due at its {@code next_at}, first or again. */
    PENDING,
    /** The gateway took the payment. */
    SUCCEEDED,
    /** Given up after its attempts or because the card is gone; the invoice waits for a payment by hand. */
    FAILED
}
