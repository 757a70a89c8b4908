package io.innkeeper.billing.ledger;

/**
 * The graduated steps for an overdue invoice, in order. The termination warning comes a week before termination,
 * never before the suspension ({@link DunningSettings#after}).
 */
public enum DunningStep {
    REMINDER,
    SUSPENSION,
    TERMINATION_WARNING,
    TERMINATION
}
