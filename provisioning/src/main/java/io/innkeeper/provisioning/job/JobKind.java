package io.innkeeper.provisioning.job;

/** What a job does to its guest. */
public enum JobKind {
    CREATE("Create server"),
    REBOOT("Reboot"),
    DELETE("Delete server"),
    START("Start"),
    STOP("Shut down"),
    POWER_OFF("Power off"),
    RESIZE("Resize"),
    REINSTALL("Reinstall"),
    SNAPSHOT_CREATE("Create snapshot"),
    SNAPSHOT_REVERT("Revert to snapshot"),
    SNAPSHOT_DELETE("Delete snapshot"),
    MIGRATE("Move to another host"),
    RESCUE_ON("Boot the rescue system"),
    RESCUE_OFF("Leave rescue mode"),
    CDROM_INSERT("Insert ISO"),
    CDROM_EJECT("Eject ISO"),
    BOOT_DEVICE("Change boot device"),
    BACKUP_CREATE("Back up"),
    BACKUP_RESTORE("Restore a backup");

    private final String label;

    JobKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
