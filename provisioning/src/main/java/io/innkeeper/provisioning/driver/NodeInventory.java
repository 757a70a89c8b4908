package io.innkeeper.provisioning.driver;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a node runs, for the reconciler: {@code ours} carry the panel's metadata and are matched by UUID;
 * {@code unknown} are everything else, reported but never touched.
 */
public record NodeInventory(List<HostedGuest> ours, List<ForeignDomain> unknown) {

    public NodeInventory {
        ours = List.copyOf(ours);
        unknown = List.copyOf(unknown);
    }

    /** One of the panel's guests, with the tenant its metadata names. */
    public record HostedGuest(UUID id, UUID ownerRef, PowerState state) {
        public HostedGuest {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownerRef, "ownerRef");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A domain the panel did not make. */
    public record ForeignDomain(String name, UUID uuid, PowerState state) {
        public ForeignDomain {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(state, "state");
        }
    }
}
