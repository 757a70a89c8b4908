package io.innkeeper.provisioning.reconcile;

import java.util.Objects;
import java.util.UUID;

import io.innkeeper.provisioning.driver.NodeInventory.ForeignDomain;
import io.innkeeper.provisioning.driver.NodeInventory.HostedGuest;
import io.innkeeper.provisioning.driver.PowerState;

/**
 * One thing a reconcile run found on a node. Guest findings name the guest; unknown domains name the domain;
 * an unreachable node names neither.
 */
public record Finding(FindingKind kind, UUID guestId, String domainName, UUID domainUuid, PowerState powerState,
        String detail) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    static Finding driftFixed(UUID guestId, PowerState host, String detail) {
        return new Finding(FindingKind.DRIFT_FIXED, guestId, null, null, host, detail);
    }

    static Finding missing(UUID guestId, String detail) {
        return new Finding(FindingKind.MISSING_ON_HOST, guestId, null, null, null, detail);
    }

    static Finding unknown(ForeignDomain domain, String detail) {
        return new Finding(FindingKind.UNKNOWN_ON_HOST, null, domain.name(), domain.uuid(), domain.state(), detail);
    }

    /** A domain with the panel's metadata that no live guest of the node claims; the driver gives no name. */
    static Finding leftover(HostedGuest domain) {
        return new Finding(FindingKind.UNKNOWN_ON_HOST, null, null, domain.id(), domain.state(),
                "Carries the panel's metadata, but no live guest of this node has its id; left alone.");
    }

    static Finding unreachable(String reason) {
        return new Finding(FindingKind.NODE_UNREACHABLE, null, null, null, null, reason);
    }
}
