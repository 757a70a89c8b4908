package io.innkeeper.billing.rating;

/** What an invoice line bills. */
public enum LineKind {
    /** A server's started hours on one plan, capped at the plan's monthly price. */
    SERVER,
    /** Outbound traffic over the tenant's pool, per started GB. */
    TRAFFIC,
    /** Snapshot storage, per GB-month. */
    SNAPSHOT
}
