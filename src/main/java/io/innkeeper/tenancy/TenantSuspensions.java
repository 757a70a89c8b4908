package io.innkeeper.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.quota.QuotaService;

/**
 * Suspends and restores tenants. A suspended tenant keeps its data but cannot order or start servers, and its
 * running servers are powered off; a suspended reseller takes its customers with it (their own status stays, but
 * ordering and starting look at the reseller too, see {@code OrderService}). The suspension's kind says what may
 * lift it: an admin lifts any, paying ({@link Kind#NON_PAYMENT}) lifts only a suspension for non-payment.
 */
@ApplicationScoped
public class TenantSuspensions {

    /** Why a tenant is suspended, which decides what lifts it. An {@link #ADMIN} suspension outranks the other. */
    public enum Kind {
        ADMIN,
        NON_PAYMENT
    }

    /** A tenant's suspension as recorded. */
    public record Suspension(Kind kind, String reason, Instant at, String by) {
    }

    /**
     * What a tenant's own pages tell it about its account: its status, its reseller's ({@code null} for a direct
     * tenant), and why it is suspended when it is ({@code null} kind when no suspension is recorded).
     */
    public record AccountState(TenantStatus status, TenantStatus resellerStatus, Kind suspensionKind,
            String suspensionReason) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    QuotaService quotas;

    @Inject
    ProvisioningService provisioning;

    @Inject
    Audit audit;

    /**
     * Suspends the tenant and queues a power-off for each of its running servers (for a reseller, its customers'
     * too). Suspending a suspended tenant again records the stronger kind: an admin suspension replaces one for
     * non-payment, never the other way round, so a later payment cannot lift what an admin decided.
     *
     * @return the servers whose power-off was queued
     */
    @Transactional
    public List<UUID> suspend(Actor actor, UUID tenantId, Kind kind, String reason) {
        if (kind == null) {
            throw InvalidInput.of("kind", "Choose why the account is suspended.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw InvalidInput.of("reason", "Give a reason of 1 to 1000 characters; the customer may be shown it.");
        }
        Tenant tenant = quotas.lock(tenantId);
        if (tenant.status == TenantStatus.CLOSED) {
            throw InvalidInput.of("form", "This account is closed; a closed account cannot be suspended.");
        }
        Optional<Suspension> earlier = current(tenantId);
        Map<String, Object> before = state(tenant, earlier);
        boolean record = tenant.status != TenantStatus.SUSPENDED || earlier.isEmpty()
                || (earlier.get().kind() == Kind.NON_PAYMENT && kind == Kind.ADMIN);
        tenant.status = TenantStatus.SUSPENDED;
        if (record) {
            tenant.suspensionKind = kind;
            tenant.suspensionReason = why;
            tenant.suspendedAt = clock.instant();
            tenant.suspendedBy = actor.login();
        }
        Set<UUID> owners = tenant.kind == TenantKind.RESELLER ? quotas.pool(tenantId) : Set.of(tenantId);
        List<UUID> poweredOff = provisioning.powerOffRunning(owners);
        Map<String, Object> after = state(tenant, current(tenantId));
        after.put("poweredOff", poweredOff);
        audit.changed(actor, new Audit.Entry("tenant.suspend", "tenant", tenantId, tenantId,
                kind.name() + ": " + why, before, after));
        return poweredOff;
    }

    /**
     * Lifts the tenant's suspension if {@code kind} may: {@link Kind#ADMIN} lifts any suspension,
     * {@link Kind#NON_PAYMENT} only one for non-payment. Servers stay off; the customer starts them.
     *
     * @return whether the tenant is active again because of this call
     */
    @Transactional
    public boolean unsuspend(Actor actor, UUID tenantId, Kind kind) {
        return unsuspend(actor, tenantId, kind, null);
    }

    /** As {@link #unsuspend(Actor, UUID, Kind)}, with why it was lifted in the audit log (an admin's reason). */
    @Transactional
    public boolean unsuspend(Actor actor, UUID tenantId, Kind kind, String note) {
        if (kind == null) {
            throw InvalidInput.of("kind", "Choose which suspension to lift.");
        }
        Tenant tenant = quotas.lock(tenantId);
        if (tenant.status != TenantStatus.SUSPENDED) {
            return false;
        }
        Optional<Suspension> earlier = current(tenantId);
        // A suspension without a record (set before suspensions were recorded) counts as an admin's.
        if (kind == Kind.NON_PAYMENT && (earlier.isEmpty() || earlier.get().kind() != Kind.NON_PAYMENT)) {
            return false;
        }
        Map<String, Object> before = state(tenant, earlier);
        tenant.status = TenantStatus.ACTIVE;
        tenant.suspensionKind = null;
        tenant.suspensionReason = null;
        tenant.suspendedAt = null;
        tenant.suspendedBy = null;
        String detail = note == null || note.isBlank() ? kind.name() : kind.name() + ": " + note.strip();
        audit.changed(actor, new Audit.Entry("tenant.unsuspend", "tenant", tenantId, tenantId, detail, before,
                state(tenant, Optional.empty())));
        return true;
    }

    /** The tenant's recorded suspension, if it has one. */
    @Transactional
    public Optional<Suspension> current(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null || tenant.suspensionKind == null) {
            return Optional.empty();
        }
        return Optional.of(new Suspension(tenant.suspensionKind, tenant.suspensionReason, tenant.suspendedAt,
                tenant.suspendedBy));
    }

    /** The tenant's {@link AccountState}, read in one statement; empty for an unknown tenant. */
    @Transactional
    public Optional<AccountState> accountState(UUID tenantId) {
        return em.createQuery("select new io.innkeeper.tenancy.TenantSuspensions$AccountState(t.status, p.status, "
                + "t.suspensionKind, t.suspensionReason) from Tenant t left join t.parent p where t.id = :id",
                AccountState.class).setParameter("id", tenantId).getResultStream().findFirst();
    }

    private static Map<String, Object> state(Tenant tenant, Optional<Suspension> suspension) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", tenant.status.name());
        state.put("suspensionKind", suspension.map(s -> s.kind().name()).orElse(null));
        state.put("suspensionReason", suspension.map(Suspension::reason).orElse(null));
        state.put("suspendedBy", suspension.map(Suspension::by).orElse(null));
        state.put("suspendedAt", suspension.map(s -> String.valueOf(s.at())).orElse(null));
        return state;
    }
}
