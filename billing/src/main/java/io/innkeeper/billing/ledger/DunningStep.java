package io.innkeeper.billing.ledger;

/** The graduated steps for an overdue invoice, in order. */
public enum DunningStep {
    REMINDER,
    SUSPENSION,
    TERMINATION
}
