package io.innkeeper.provisioning.reconcile;

/** What the reconciler found when it compared a node with the database. */
public enum FindingKind {
    /** The guest's power state differed from the database; the database was corrected. */
    DRIFT_FIXED,
    /** The database holds the guest but the node has no such domain; the guest was set to ERROR. */
    MISSING_ON_HOST,
    /** The node runs a domain the panel does not know; it is reported and never touched. */
    UNKNOWN_ON_HOST,
    /** The node did not answer; it is OFFLINE unless it is in maintenance. */
    NODE_UNREACHABLE
}
