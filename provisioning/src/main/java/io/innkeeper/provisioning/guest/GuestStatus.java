package io.innkeeper.provisioning.guest;

/** A guest's life as the panel tracks it. The busy states are those a job is working on. */
public enum GuestStatus {
    PROVISIONING(true),
    RUNNING(false),
    STOPPED(false),
    REBOOTING(true),
    DELETING(true),
    DELETED(false),
    ERROR(false);

    private final boolean busy;

    GuestStatus(boolean busy) {
        this.busy = busy;
    }

    public boolean busy() {
        return busy;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
