package io.innkeeper.provisioning;

import java.util.UUID;

/**
 * Where provisioning's admin use cases record a change, inside the transaction that makes it. Provisioning may not
 * know the audit log (it sits below the core), so the caller hands its own in: {@code audit.by(actor)}.
 */
@FunctionalInterface
public interface ChangeLog {

    /** What changed on which object; {@code before} and {@code after} are JSON-serialisable values. */
    record Change(String action, String targetType, Object targetId, UUID tenantId, String detail, Object before,
            Object after) {
    }

    void changed(Change change);
}
