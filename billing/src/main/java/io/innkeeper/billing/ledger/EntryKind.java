package io.innkeeper.billing.ledger;

/** A ledger entry's direction: invoices add to the balance owed, payments and credits take from it. */
public enum EntryKind {
    INVOICE,
    PAYMENT,
    CREDIT
}
