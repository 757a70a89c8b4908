package io.innkeeper.provisioning.driver;

/**
 * A point-in-time copy of a guest's whole disk, made on its node for a backup and read off it once; closing the
 * reader removes the copy from the node. {@code live} says the guest was running when the copy was taken, so the
 * copy is as consistent as a sudden power cut would leave the disk (crash-consistent); otherwise the guest was off
 * and the copy is clean.
 */
public record DiskCopy(DiskReader reader, boolean live) {
}
