package io.innkeeper.provisioning.guest;

import java.util.UUID;

/**
 * Whether a guest's owner may have it switched on. Provisioning knows owners only as opaque references; the core
 * answers from the tenant's status, so a job that starts a guest after its tenant was suspended leaves it off.
 */
public interface OwnerStanding {

    /** False while the owner (or the reseller above it) is suspended or closed. */
    boolean maySwitchOn(UUID ownerRef);
}
