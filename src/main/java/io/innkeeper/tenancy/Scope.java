package io.innkeeper.tenancy;

import java.util.Set;
import java.util.UUID;

/**
 * The tenants whose data a caller may see: its own, and for a reseller its customers' too. Every query of tenant
 * data takes a scope, so a query without one shows in review, and an object outside it answers 404.
 */
public record Scope(UUID tenantId, Set<UUID> tenantIds) {

    public Scope {
        tenantIds = Set.copyOf(tenantIds);
        if (!tenantIds.contains(tenantId)) {
            throw new IllegalArgumentException("a scope contains its own tenant");
        }
    }

    public static Scope of(UUID tenantId) {
        return new Scope(tenantId, Set.of(tenantId));
    }

    public boolean covers(UUID tenant) {
        return tenantIds.contains(tenant);
    }
}
