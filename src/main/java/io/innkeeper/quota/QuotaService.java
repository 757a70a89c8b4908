package io.innkeeper.quota;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.audit.Guarded;
import io.innkeeper.audit.Refused;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.SignUpConfig;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;

/**
 * Quotas and what counts against them. Checks run with the tenant's row (and its reseller's, locked first) held
 * for the rest of the transaction, so concurrent orders of one tenant or one reseller pool queue up instead of
 * both taking the last unit.
 */
@ApplicationScoped
@Guarded
public class QuotaService {

    /**
     * What the guests of the owners matching %1$s use; the owner condition is filled in by each statement, the running
     * (%2$s) and live (%3$s) rules come from {@link GuestStatus}. Guests, their addresses and snapshots are read
     * through the views provisioning publishes (V66), which PostgreSQL folds into this statement.
     */
    private static final String USAGE_OF = """
            select count(*) as servers,
                   coalesce(sum(vcpus), 0) as vcpus,
                   coalesce(sum(memory_mib), 0) as memory_mib,
                   coalesce(sum(disk_gib), 0) as disk_gib,
                   count(*) filter (where %2$s) as running_servers,
                   coalesce(sum(vcpus) filter (where %2$s), 0) as running_vcpus,
                   coalesce(sum(memory_mib) filter (where %2$s), 0) as running_memory_mib,
                   (select count(*) from provisioning_ip_address a join provisioning_ip_pool p on p.id = a.pool_id
                                         join provisioning_guest o on o.id = a.guest_id
                    where p.family = 4 and o.owner_ref %1$s) as ipv4,
                   (select count(*) from provisioning_snapshot s join provisioning_guest o on o.id = s.guest_id
                    where o.owner_ref %1$s) as snapshots
            from provisioning_guest where owner_ref %1$s and %3$s
            """;

    /** The use of a set of tenants together (a reseller's pool). */
    private static final String USAGE = usageOf("= any(:tenants)");

    /** {@link #USAGE} per tenant: the tenant's id, then the same columns for that tenant alone. */
    private static final String USAGE_EACH = "select t.id as tenant_id, u.* from unnest(cast(:tenants as uuid[])) as t(id) "
            + "cross join lateral (" + usageOf("= t.id") + ") u";

    private static String usageOf(String owner) {
        return USAGE_OF.formatted(owner, GuestStatus.runningCondition("status"), GuestStatus.liveCondition("status"));
    }

    @Inject
    EntityManager em;

    @Inject
    QuotaConfig config;

    @Inject
    SignUpConfig signUp;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    /**
     * The tenant's quota: its own row, else the configured default for a direct tenant, else nothing for a reseller's
     * customer (the reseller hands out quota from its pool); capped by the new-account limit while a self-made
     * account awaits approval.
     */
    public QuotaLimits limits(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        QuotaLimits own = ownLimits(tenantId, tenant);
        return tenant != null && tenant.awaitingApproval ? QuotaRules.min(own, signUp.newAccountLimits()) : own;
    }

    /**
     * The quota as set or defaulted, before any new-account cap: what an admin's quota form edits, and what the
     * tenant holds once approved.
     */
    public QuotaLimits setLimits(UUID tenantId) {
        return ownLimits(tenantId, em.find(Tenant.class, tenantId));
    }

    private QuotaLimits ownLimits(UUID tenantId, Tenant tenant) {
        Quota quota = em.find(Quota.class, tenantId);
        if (quota != null) {
            return quota.limits();
        }
        return tenant != null && tenant.parent != null ? QuotaLimits.zero() : config.defaultLimits();
    }

    public Usage usage(Set<UUID> tenantIds) {
        Tuple row = (Tuple) em.createNativeQuery(USAGE, Tuple.class)
                .setParameter("tenants", tenantIds.toArray(UUID[]::new)).getSingleResult();
        return usage(row);
    }

    /** {@link #limits} of each tenant, in one read however many there are (a reseller's customer list). */
    public java.util.Map<UUID, QuotaLimits> limitsEach(java.util.Collection<Tenant> tenants) {
        java.util.Map<UUID, QuotaLimits> own = new java.util.HashMap<>();
        if (!tenants.isEmpty()) {
            em.createQuery("from Quota q where q.tenantId in :ids", Quota.class)
                    .setParameter("ids", tenants.stream().map(t -> t.id).toList()).getResultList()
                    .forEach(q -> own.put(q.tenantId, q.limits()));
        }
        java.util.Map<UUID, QuotaLimits> limits = new java.util.HashMap<>();
        for (Tenant tenant : tenants) {
            QuotaLimits set = own.getOrDefault(tenant.id,
                    tenant.parent != null ? QuotaLimits.zero() : config.defaultLimits());
            limits.put(tenant.id, tenant.awaitingApproval ? QuotaRules.min(set, signUp.newAccountLimits()) : set);
        }
        return limits;
    }

    /** {@link #usage} of each tenant on its own, in one statement however many there are. */
    public java.util.Map<UUID, Usage> usageEach(java.util.Collection<UUID> tenantIds) {
        java.util.Map<UUID, Usage> usage = new java.util.HashMap<>();
        if (tenantIds.isEmpty()) {
            return usage;
        }
        List<Tuple> rows = em.createNativeQuery(USAGE_EACH, Tuple.class)
                .setParameter("tenants", tenantIds.toArray(UUID[]::new)).getResultList();
        for (Tuple row : rows) {
            usage.put(row.get("tenant_id", UUID.class), usage(row));
        }
        return usage;
    }

    /** The {@link #USAGE_OF} columns of a row, by name. */
    private static Usage usage(Tuple row) {
        return new Usage(n(row, "servers"), n(row, "vcpus"), n(row, "memory_mib"), n(row, "disk_gib"), n(row, "ipv4"),
                n(row, "snapshots"), n(row, "running_servers"), n(row, "running_vcpus"),
                n(row, "running_memory_mib"));
    }

    /** A tenant and, for a reseller, all its customers: the tenants a pool covers. */
    public Set<UUID> pool(UUID resellerId) {
        List<UUID> ids = new ArrayList<>(em.createQuery("select t.id from Tenant t where t.parent.id = :r", UUID.class)
                .setParameter("r", resellerId).getResultList());
        ids.add(resellerId);
        return Set.copyOf(ids);
    }

    /** Locks the tenant and its reseller (reseller first, the one order every path uses) for this transaction. */
    @Transactional(TxType.MANDATORY)
    public Tenant lock(UUID tenantId) {
        // A tenant made earlier in this transaction must be in the database before it can be locked and re-read.
        em.flush();
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new NotFound("tenant");
        }
        if (tenant.parent != null) {
            em.refresh(em.find(Tenant.class, tenant.parent.id), LockModeType.PESSIMISTIC_WRITE);
        }
        em.refresh(tenant, LockModeType.PESSIMISTIC_WRITE);
        return tenant;
    }

    /**
     * The limits {@code need} would break: first a new account's limit (named as such), then the tenant's quota, then
     * its reseller's pool. Call after {@link #lock}.
     */
    @Transactional(TxType.MANDATORY)
    public List<QuotaRules.Refusal> refusals(Tenant tenant, Need need) {
        return QuotaRules.refusals(standing(tenant), need);
    }

    /** What the tenant's orders are checked against now ({@link QuotaRules#refusals(QuotaRules.Standing, Need)}). */
    public QuotaRules.Standing standing(Tenant tenant) {
        Usage used = usage(tenant.kind == TenantKind.RESELLER ? pool(tenant.id) : Set.of(tenant.id));
        boolean reseller = tenant.parent != null;
        return new QuotaRules.Standing(tenant.kind == TenantKind.RESELLER ? "Pool" : "Your",
                tenant.awaitingApproval ? signUp.newAccountLimits() : null, ownLimits(tenant.id, tenant), used,
                reseller ? limits(tenant.parent.id) : null, reseller ? usage(pool(tenant.parent.id)) : null);
    }

    /** {@link #standing(Tenant)} of the tenant with this id, read in a transaction of its own. */
    @Transactional
    public QuotaRules.Standing standing(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new NotFound("tenant");
        }
        return standing(tenant);
    }

    /**
     * For a self-made account awaiting approval, why it may order no more servers now: the new-account limit's own
     * refusal of one more server (naming the limit). Empty for any other account, or while one more server fits.
     */
    @Transactional
    public java.util.Optional<String> newAccountLimitReached(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null || !tenant.awaitingApproval) {
            return java.util.Optional.empty();
        }
        return QuotaRules.newAccountRefusals(signUp.newAccountLimits(), usage(Set.of(tenantId)),
                new Need(1, 0, 0, 0, 0, 0, false, true)).stream().map(QuotaRules.Refusal::message).findFirst();
    }

    /** What the tenant can still order: its own room, narrowed by its reseller's pool. */
    @Transactional
    public Usage remaining(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        return remaining(tenant, limits(tenantId),
                usage(tenant.kind == TenantKind.RESELLER ? pool(tenantId) : Set.of(tenantId)));
    }

    /**
     * {@link #remaining(UUID)} from the tenant's own limits and usage (its pool's, for a reseller) already read by
     * the caller, so they are not read twice.
     */
    public Usage remaining(Tenant tenant, QuotaLimits limits, Usage used) {
        Usage own = QuotaRules.remaining(limits, used);
        if (tenant.parent == null) {
            return own;
        }
        Usage pool = QuotaRules.remaining(limits(tenant.parent.id), usage(pool(tenant.parent.id)));
        return new Usage(Math.min(own.servers(), pool.servers()), Math.min(own.vcpus(), pool.vcpus()),
                Math.min(own.memoryMib(), pool.memoryMib()), Math.min(own.diskGib(), pool.diskGib()),
                Math.min(own.ipv4(), pool.ipv4()), Math.min(own.snapshots(), pool.snapshots()),
                Math.min(own.runningServers(), pool.runningServers()), Math.min(own.runningVcpus(), pool.runningVcpus()),
                Math.min(own.runningMemoryMib(), pool.runningMemoryMib()));
    }

    /**
     * Sets a tenant's quota. A reseller's customer can only get what the reseller's pool has not promised to its
     * other customers; a reseller's pool cannot shrink below what it has promised.
     */
    @Transactional
    public QuotaLimits set(Actor actor, UUID tenantId, QuotaLimits limits) {
        Tenant tenant = lock(tenantId);
        QuotaLimits before = ownLimits(tenantId, tenant);
        List<QuotaRules.Refusal> refusals = new ArrayList<>();
        if (tenant.parent != null) {
            refusals.addAll(QuotaRules.poolRefusals(limits(tenant.parent.id), given(tenant.parent.id, tenantId),
                    limits));
        }
        if (tenant.kind == TenantKind.RESELLER) {
            QuotaLimits promised = given(tenantId, null);
            refusals.addAll(QuotaRules.poolRefusals(limits, QuotaLimits.zero(), promised).stream()
                    .map(r -> new QuotaRules.Refusal(r.resource(), r.used(), r.limit(), r.needed(),
                            "The pool cannot be smaller than what its customers already hold: " + r.resource() + " "
                                    + r.needed() + " promised, " + r.limit() + " asked."))
                    .toList());
        }
        Audit.Entry entry = new Audit.Entry("quota.set", "tenant", tenantId, tenantId, null, before, limits);
        if (!refusals.isEmpty()) {
            throw new Refused(actor, new Audit.Entry(entry.action(), entry.targetType(), tenantId, tenantId,
                    refusals.get(0).message(), before, limits), new FieldErrors().add(refusals.get(0).resource(),
                            refusals.get(0).message()));
        }
        Quota quota = em.find(Quota.class, tenantId);
        if (quota == null) {
            quota = new Quota();
            quota.tenantId = tenantId;
            quota.set(limits);
            quota.updatedAt = clock.instant();
            quota.updatedBy = actor.login();
            em.persist(quota);
        } else {
            quota.set(limits);
            quota.updatedAt = clock.instant();
            quota.updatedBy = actor.login();
        }
        audit.changed(actor, entry);
        return limits;
    }

    /** The quotas a reseller has given its customers, all but {@code except}. */
    private QuotaLimits given(UUID resellerId, UUID except) {
        QuotaLimits sum = QuotaLimits.zero();
        for (UUID child : em.createQuery("select t.id from Tenant t where t.parent.id = :r", UUID.class)
                .setParameter("r", resellerId).getResultList()) {
            if (!child.equals(except)) {
                sum = sum.plus(limits(child));
            }
        }
        return sum;
    }

    private static long n(Tuple row, String column) {
        return row.get(column, Number.class).longValue();
    }
}
