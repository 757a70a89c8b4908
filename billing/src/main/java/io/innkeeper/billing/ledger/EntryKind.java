package io.innkeeper.billing.ledger;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A ledger entry's direction: invoices and refunds add to the balance owed, payments and credits take from it. A
 * refund gives back (part of) a gateway payment and carries that payment's reference.
 */
public enum EntryKind {
    INVOICE,
    PAYMENT,
    CREDIT,
    REFUND;

    /** Whether an entry of this kind adds to what the tenant owes. */
    public boolean addsToBalance() {
        return this == INVOICE || this == REFUND;
    }

    /** Whether an entry of this kind is money the tenant has to spend on invoices (payments net of refunds). */
    public boolean isFunds() {
        return this == PAYMENT || this == CREDIT;
    }

    /** SQL for an entry's amount as it counts towards the balance owed, from {@link #addsToBalance()}. */
    public static final String SIGNED_AMOUNT_SQL = "case when kind in (" + Arrays.stream(values())
            .filter(EntryKind::addsToBalance).map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "))
            + ") then amount else -amount end";
}
