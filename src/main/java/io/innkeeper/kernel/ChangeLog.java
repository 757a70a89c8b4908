package io.innkeeper.kernel;

import java.util.UUID;

/**
 * Where a use case below the core (provisioning, billing) records a change, inside the transaction that makes it.
 * Those modules may not know the audit log, so the caller hands its own in: {@code audit.by(actor)}.
 */
@FunctionalInterface
public interface ChangeLog {

    /** What changed on which object; {@code before} and {@code after} are JSON-serialisable values. */
    record Change(String action, String targetType, Object targetId, UUID tenantId, String detail, Object before,
            Object after) {
    }

    void changed(Change change);
}
