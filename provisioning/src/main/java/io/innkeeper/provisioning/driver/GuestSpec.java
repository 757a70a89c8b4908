package io.innkeeper.provisioning.driver;

import java.util.Objects;
import java.util.UUID;

/**
 * The guest a driver should make. {@code id} is the panel's UUID, written into the domain so the reconciler can
 * match host and database; {@code ownerRef} (the tenant) and {@code hostname} go into its metadata.
 */
public record GuestSpec(UUID id, UUID ownerRef, String hostname, int vcpus, int memoryMib, int diskGib,
        String image) {

    public GuestSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerRef, "ownerRef");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(image, "image");
        if (vcpus < 1 || memoryMib < 64 || diskGib < 1) {
            throw new IllegalArgumentException("guest needs at least 1 vCPU, 64 MiB and 1 GiB: " + vcpus + ", "
                    + memoryMib + ", " + diskGib);
        }
    }

    /** The libvirt domain name: unique per node whatever hostnames tenants choose. */
    public String domainName() {
        return "ik-" + id;
    }
}
