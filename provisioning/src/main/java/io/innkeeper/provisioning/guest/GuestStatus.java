package io.innkeeper.provisioning.guest;

/** A guest's life as the panel tracks it. The busy states are those a job is working on. */
public enum GuestStatus {
    PROVISIONING(true),
    RUNNING(false),
    STOPPED(false),
    STARTING(true),
    STOPPING(true),
    REBOOTING(true),
    RESIZING(true),
    REINSTALLING(true),
    SNAPSHOTTING(true),
    MIGRATING(true),
    DELETING(true),
    DELETED(false),
    ERROR(false),
    /** Creation failed for good; the guest holds no quota or node room, and the customer can delete it. */
    FAILED(false);

    private final boolean busy;

    GuestStatus(boolean busy) {
        this.busy = busy;
    }

    public boolean busy() {
        return busy;
    }

    public String label() {
        return this == FAILED ? "Provisioning failed"
                : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the guest still holds quota and room on its node. */
    public boolean holdsResources() {
        return this != DELETED && this != FAILED;
    }
}
