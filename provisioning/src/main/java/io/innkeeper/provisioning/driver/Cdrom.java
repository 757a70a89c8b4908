package io.innkeeper.provisioning.driver;

/**
 * A VM's CD-ROM drive: the ISO in it ({@code isoFile}, a file name in the node's image directory; {@code null} for
 * an empty drive) and whether the VM boots from it first (CD-ROM, then disk) at its next start. A drive stays in
 * the guest once it has one, empty after an eject, so the next ISO goes in while the guest runs.
 */
public record Cdrom(String isoFile, boolean bootFirst) {

    /** An empty drive the guest does not boot from. */
    public static final Cdrom EMPTY = new Cdrom(null, false);

    public Cdrom {
        if (isoFile != null && !IsoFiles.validName(isoFile)) {
            throw new IllegalArgumentException("not an ISO file name: " + isoFile);
        }
    }
}
