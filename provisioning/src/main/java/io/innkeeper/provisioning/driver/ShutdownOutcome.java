package io.innkeeper.provisioning.driver;

/** How a {@link HypervisorDriver#shutdown} ended; the guest is off in every case. */
public enum ShutdownOutcome {
    /** The guest was not running. */
    ALREADY_OFF,
    /** The guest OS shut down within the timeout. */
    CLEAN,
    /** The guest ignored the request and was powered off. */
    FORCED
}
