package io.innkeeper.provisioning.driver;

import java.util.Set;

/**
 * What {@link HypervisorDriver#setResources} changed. Everything is in the stored definition either way;
 * {@code live} took effect in the running guest, {@code atNextBoot} waits for a power cycle.
 */
public record ResizeResult(Set<Resource> live, Set<Resource> atNextBoot) {

    public ResizeResult {
        live = Set.copyOf(live);
        atNextBoot = Set.copyOf(atNextBoot);
    }

    public boolean needsReboot() {
        return !atNextBoot.isEmpty();
    }

    /** The parts of a guest a resize can touch. */
    public enum Resource {
        VCPUS,
        MEMORY,
        CPU_TUNE,
        DISK_IO,
        BANDWIDTH
    }
}
