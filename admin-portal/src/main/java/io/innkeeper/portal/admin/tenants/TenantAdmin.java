package io.innkeeper.portal.admin.tenants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderService;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantStatus;
import io.innkeeper.tenancy.TenantSuspensions;

/** Finds tenants, shows one in full, and closes accounts. Quota and suspension go through their core services. */
@ApplicationScoped
public class TenantAdmin {

    /** A line of the tenant search. */
    public record TenantRow(UUID id, String name, String kind, String reseller, String status, long servers) {
    }

    /** Everything the tenant page shows. */
    public record Detail(Tenant tenant, String reseller, List<Membership> members, List<TenantRow> customers,
            QuotaLimits quota, Usage usage) {
    }

    @Inject
    EntityManager em;

    @Inject
    QuotaService quotas;

    @Inject
    TenantSuspensions suspensions;

    @Inject
    OrderService orders;

    @Inject
    Audit audit;

    /** Tenants whose name contains {@code q} (any case), or the one whose id it is; all when empty. */
    public List<TenantRow> search(String q, int limit) {
        String term = q == null ? "" : q.strip();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select t.id, t.name, t.kind, p.name, t.status,
                       (select count(*) from server s where s.tenant_id = t.id and s.deleted_at is null)
                from tenant t left join tenant p on p.id = t.parent_id
                where :q = '' or t.name ilike '%' || :q || '%' or cast(t.id as text) = :q
                order by t.name limit :limit
                """).setParameter("q", term).setParameter("limit", limit)
                .getResultList();
        return rows(rows);
    }

    @Transactional
    public Detail detail(UUID id) {
        Tenant t = em.find(Tenant.class, id);
        if (t == null) {
            throw new NotFound("tenant");
        }
        List<Membership> members = Membership.list("tenant.id = ?1 order by login", id);
        @SuppressWarnings("unchecked")
        List<Object[]> children = em.createNativeQuery("""
                select t.id, t.name, t.kind, null, t.status,
                       (select count(*) from server s where s.tenant_id = t.id and s.deleted_at is null)
                from tenant t where t.parent_id = :id order by t.name
                """).setParameter("id", id).getResultList();
        Set<UUID> counted = t.kind == TenantKind.RESELLER ? quotas.pool(id) : Set.of(id);
        return new Detail(t, t.parent == null ? null : t.parent.name, members, rows(children), quotas.limits(id),
                quotas.usage(counted));
    }

    public QuotaLimits setQuota(Actor actor, UUID id, QuotaForm form) {
        return quotas.set(actor, id, form.parse());
    }

    public void suspend(Actor actor, UUID id, String reason) {
        suspensions.suspend(actor, id, TenantSuspensions.Kind.ADMIN, reason);
    }

    /** Lifts any suspension; the admin says why, for the audit log. */
    public boolean unsuspend(Actor actor, UUID id, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw InvalidInput.of("liftReason", "Give a reason of 1 to 1000 characters for lifting the suspension.");
        }
        return suspensions.unsuspend(actor, id, TenantSuspensions.Kind.ADMIN, why);
    }

    /**
     * Closes the account for good: its servers are deleted (each as a delete job, billed to the moment it is
     * asked) and it can no longer sign in to anything. A reseller is closed only once its customers are.
     */
    @Transactional
    public List<UUID> close(Actor actor, UUID id, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw InvalidInput.of("closeReason", "Give a reason of 1 to 1000 characters for closing the account.");
        }
        Tenant tenant = quotas.lock(id);
        if (tenant.status == TenantStatus.CLOSED) {
            throw InvalidInput.of("closeReason", "This account is closed already.");
        }
        long open = em.createQuery("select count(t) from Tenant t where t.parent.id = :id and t.status <> :closed",
                Long.class).setParameter("id", id).setParameter("closed", TenantStatus.CLOSED).getSingleResult();
        if (open > 0) {
            throw InvalidInput.of("closeReason", "This reseller still has " + open + " open customer account"
                    + (open == 1 ? "" : "s") + "; close those first.");
        }
        List<UUID> live = em.createQuery("select s.id from Server s where s.tenant.id = :id and s.deletedAt is null",
                UUID.class).setParameter("id", id).getResultList();
        for (UUID server : live) {
            orders.delete(actor, Scope.of(id), server);
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", tenant.status.name());
        tenant.status = TenantStatus.CLOSED;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", tenant.status.name());
        after.put("deletedServers", live);
        audit.changed(actor, new Audit.Entry("tenant.close", "tenant", id, id, why, before, after));
        return live;
    }

    private static List<TenantRow> rows(List<Object[]> rows) {
        return rows.stream().map(r -> new TenantRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).longValue())).toList();
    }
}
