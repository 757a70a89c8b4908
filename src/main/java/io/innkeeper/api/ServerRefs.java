package io.innkeeper.api;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.account.ExternalRefs;

/** Stores a server's external reference right after its order. */
@ApplicationScoped
public class ServerRefs {

    @Inject
    ExternalRefs refs;

    /** Refuses a reference another server of the tenant has, unless this is a retry of the same order. */
    @Transactional
    public void checkFree(UUID tenantId, String ref, String idempotencyKey) {
        if (ref == null) {
            return;
        }
        java.util.Optional<UUID> taken = refs.find(java.util.List.of(tenantId), ExternalRefs.SERVER, ref);
        boolean retry = taken.isPresent() && idempotencyKey != null && io.innkeeper.orders.Server.count(
                "id = ?1 and idempotencyKey = ?2", taken.get(), idempotencyKey.strip()) > 0;
        if (taken.isPresent() && !retry) {
            throw io.innkeeper.kernel.InvalidInput.of("externalRef",
                    "This external reference is used by another server already.");
        }
    }

    @Inject
    io.innkeeper.orders.ServerAccess access;

    /** What an order asks for beyond the order itself: the integrator's reference and the SSH keys for root. */
    @Transactional
    public void afterOrder(io.innkeeper.audit.Actor actor, io.innkeeper.tenancy.Scope scope, UUID serverId,
            String ref, java.util.List<String> sshKeys) {
        refs.set(scope.tenantId(), ExternalRefs.SERVER, serverId, ref);
        if (!sshKeys.isEmpty()) {
            access.set(actor, scope, serverId, new io.innkeeper.orders.ServerAccess.Request(null, sshKeys, null));
        }
    }
}
