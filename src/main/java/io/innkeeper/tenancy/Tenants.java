package io.innkeeper.tenancy;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.EmailAddresses;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderService;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;

/**
 * The admin's use cases for tenants: find them, read one in full, suspend, lift a suspension and close the account.
 * Quotas are set through {@link QuotaService}. One transaction each.
 */
@ApplicationScoped
public class Tenants {

    /** A line of a tenant list; {@code reseller} is the parent's name, null for a direct customer. */
    public record TenantRow(UUID id, String name, TenantKind kind, String reseller, TenantStatus status,
            String currency, long servers) {
    }

    /** A tenant as its admin page shows it, with what an admin may do to it now. */
    public record TenantView(UUID id, String name, TenantKind kind, TenantStatus status,
            TenantSuspensions.Kind suspensionKind, String suspensionReason, String suspendedBy, Instant suspendedAt,
            String currency, String timeZone, Instant createdAt, String country) {

        public boolean isReseller() {
            return kind == TenantKind.RESELLER;
        }

        public boolean canSuspend() {
            return status == TenantStatus.ACTIVE;
        }

        public boolean canUnsuspend() {
            return status == TenantStatus.SUSPENDED;
        }

        public boolean canClose() {
            return status != TenantStatus.CLOSED;
        }
    }

    /** A login of the tenant and its role. */
    public record MemberRow(String login, MemberRole role, Instant createdAt) {
    }

    /**
     * Everything a tenant's admin page shows; {@code quota} is the quota as set (before a new account's cap),
     * {@code usage} covers a reseller's customers too.
     */
    public record Detail(TenantView tenant, String reseller, List<MemberRow> members, List<TenantRow> customers,
            QuotaLimits quota, Usage usage) {
    }

    private static final String ROWS = """
            select t.id, t.name, t.kind, p.name as reseller, t.status, t.currency,
                   (select count(*) from orders_server s where s.tenant_id = t.id and s.deleted_at is null) as servers
            from tenant t left join tenant p on p.id = t.parent_id
            """;

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

    @Inject
    Invitations invitations;

    @Inject
    Openings openings;

    @Inject
    java.time.Clock clock;

    /** Tenants whose name contains {@code q} (any case), or the one whose id it is; all when empty; by name. */
    @Transactional
    public List<TenantRow> search(String q, int limit) {
        String term = q == null ? "" : q.strip();
        return rows(em.createNativeQuery(ROWS + """
                where :q = '' or t.name ilike '%' || :q || '%' or cast(t.id as text) = :q
                order by t.name limit :limit
                """, Tuple.class).setParameter("q", term).setParameter("limit", limit).getResultList());
    }

    /** The names of the tenants with these ids; an unknown id has none. */
    @Transactional
    public Map<UUID, String> names(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select t.id as id, t.name as name from Tenant t where t.id in :ids", Tuple.class)
                .setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(t -> t.get("id", UUID.class), t -> t.get("name", String.class)));
    }

    /** How many tenants are suspended now. */
    @Transactional
    public long suspended() {
        return Tenant.count("status", TenantStatus.SUSPENDED);
    }

    @Transactional
    public Detail detail(UUID id) {
        Tenant t = em.find(Tenant.class, id);
        if (t == null) {
            throw new NotFound("tenant");
        }
        List<MemberRow> members = em.createQuery("select new io.innkeeper.tenancy.Tenants$MemberRow(m.login, "
                + "m.role, m.createdAt) from Membership m where m.tenant.id = :id order by m.login", MemberRow.class)
                .setParameter("id", id).getResultList();
        List<TenantRow> customers = rows(em.createNativeQuery(ROWS + " where t.parent_id = :id order by t.name",
                Tuple.class).setParameter("id", id).getResultList());
        Set<UUID> counted = t.kind == TenantKind.RESELLER ? quotas.pool(id) : Set.of(id);
        TenantView view = new TenantView(t.id, t.name, t.kind, t.status, t.suspensionKind, t.suspensionReason,
                t.suspendedBy, t.suspendedAt, t.currency, t.timeZone, t.createdAt, t.country);
        return new Detail(view, t.parent == null ? null : t.parent.name, members, customers, quotas.setLimits(id),
                quotas.usage(counted));
    }

    private static List<TenantRow> rows(List<Tuple> rows) {
        return rows.stream().map(r -> new TenantRow(r.get("id", UUID.class), r.get("name", String.class),
                TenantKind.valueOf(r.get("kind", String.class)), r.get("reseller", String.class),
                TenantStatus.valueOf(r.get("status", String.class)), r.get("currency", String.class),
                r.get("servers", Number.class).longValue())).toList();
    }

    /** Suspends the tenant by an admin's decision; see {@link TenantSuspensions#suspend}. */
    public List<UUID> suspend(Actor actor, UUID id, String reason) {
        return suspensions.suspend(actor, id, TenantSuspensions.Kind.ADMIN, reason);
    }

    /** Lifts an admin's suspension; the admin says why, for the audit log. */
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
     *
     * @return the servers being deleted
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
        invitations.revokeAll(actor, id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", tenant.status.name());
        after.put("deletedServers", live);
        audit.changed(actor, new Audit.Entry("tenant.close", "tenant", id, id, why, before, after));
        return live;
    }

    /** A new direct customer or reseller as an admin describes it; the owner is invited by e-mail. */
    public record NewTenant(String kind, String name, String currency, String timeZone, String country,
            String ownerEmail) {
    }

    /**
     * Makes a customer or reseller account with its quota and invites its owner by e-mail, all in one transaction:
     * a refused quota or address stores nothing and mails nobody.
     */
    @Transactional
    public Invitations.Sent create(Actor actor, NewTenant form, QuotaLimits quota) {
        FieldErrors errors = new FieldErrors();
        TenantKind kind = null;
        try {
            kind = TenantKind.valueOf(form.kind() == null ? "" : form.kind().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("kind", "Choose customer or reseller.");
        }
        AccountDetails details = null;
        try {
            details = AccountDetails.parseAnyCurrency(form.name(), form.country(), form.currency(), form.timeZone());
        } catch (InvalidInput e) {
            e.errors().asMap().forEach(errors::add);
        }
        String email = EmailAddresses.normalise(form.ownerEmail());
        EmailAddresses.problem(email).ifPresent(p -> errors.add("ownerEmail", p));
        errors.throwIfAny();
        UUID tenantId = openings.open(actor, new Openings.Opening(kind, details.name(), null, details.currency(),
                details.timeZone(), details.country(), false));
        quotas.set(actor, tenantId, quota);
        try {
            return invitations.invite(actor, Invitations.Authority.admin(), tenantId, email, MemberRole.OWNER.name());
        } catch (InvalidInput e) {
            throw InvalidInput.of("ownerEmail", e.errors().asMap().values().iterator().next());
        }
    }

    /** A tenant's id and name, to choose it by. */
    public record TenantName(UUID id, String name) {
    }

    /** Every tenant not closed, by name. */
    @Transactional
    public List<TenantName> open() {
        return em.createQuery("select new io.innkeeper.tenancy.Tenants$TenantName(t.id, t.name) from Tenant t "
                + "where t.status <> :closed order by t.name", TenantName.class)
                .setParameter("closed", TenantStatus.CLOSED).getResultList();
    }
}
