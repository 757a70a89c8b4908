package io.innkeeper.billing.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import io.innkeeper.billing.Dates;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.rating.PlanPrice;
import io.innkeeper.billing.rating.ServerLife;
import io.innkeeper.billing.rating.ServerLife.PlanPeriod;
import io.innkeeper.billing.rating.SnapshotLife;
import io.innkeeper.kernel.Money;

/**
 * Reads what rating needs, with billing's own queries: a billed tenant's servers (its customers' too, for a
 * reseller) with their plan history, their outbound bytes from the hourly rollups, and their snapshots. Tenants,
 * servers, guests, plans and snapshots are read through the views their modules publish (V66), never their tables.
 */
@ApplicationScoped
public class BillingInputs {

    /** Everything one tenant's month is rated from, and the code of each plan the servers had (for price lists). */
    public record Inputs(List<ServerLife> servers, long txBytes, List<SnapshotLife> snapshots,
            Map<UUID, String> planCodes) {
    }

    @Inject
    EntityManager em;

    /** The tenant, locked for the rest of the transaction, so two runs for one tenant queue up. */
    public Optional<BilledTenant> lockTenant(UUID tenantId) {
        List<Tuple> rows = em.createNativeQuery("select id, name, currency, time_zone, country, business, vat_id from tenancy_tenant "
                + "where id = :id and parent_id is null for update", Tuple.class).setParameter("id", tenantId)
                .getResultList();
        return rows.stream().findFirst().map(BillingInputs::tenant);
    }

    /**
     * The tenant that pays for {@code accountId}'s servers: the account itself when the platform invoices it, else its
     * reseller; empty for no such account.
     */
    public Optional<BilledTenant> payer(UUID accountId) {
        List<Tuple> rows = em.createNativeQuery("select coalesce(parent_id, id) as payer from tenancy_tenant "
                + "where id = :id", Tuple.class).setParameter("id", accountId).getResultList();
        return rows.stream().findFirst().flatMap(r -> tenant(r.get("payer", UUID.class)));
    }

    public Optional<BilledTenant> tenant(UUID tenantId) {
        List<Tuple> rows = em.createNativeQuery("select id, name, currency, time_zone, country, business, vat_id from tenancy_tenant "
                + "where id = :id and parent_id is null", Tuple.class).setParameter("id", tenantId).getResultList();
        return rows.stream().findFirst().map(BillingInputs::tenant);
    }

    /** Tenants the platform invoices directly: every tenant without a reseller above it. */
    public List<BilledTenant> billedTenants() {
        List<Tuple> rows = em.createNativeQuery("select id, name, currency, time_zone, country, business, vat_id from tenancy_tenant "
                + "where parent_id is null order by created_at, id", Tuple.class).getResultList();
        return rows.stream().map(BillingInputs::tenant).toList();
    }

    /** A reseller's customer that its reseller invoices, and that reseller. */
    public record ResoldCustomer(BilledTenant customer, UUID resellerId) {
    }

    private static final String RESOLD = "select t.id, t.name, t.currency, t.time_zone, t.country, t.business, "
            + "t.vat_id, t.parent_id from tenancy_tenant t join reseller_invoicing r on r.reseller_id = t.parent_id "
            + "where r.active";

    /** The customers whose reseller invoices them through the panel (its invoicing is active). */
    public List<ResoldCustomer> resoldCustomers() {
        List<Tuple> rows = em.createNativeQuery(RESOLD + " order by t.created_at, t.id", Tuple.class).getResultList();
        return rows.stream().map(r -> new ResoldCustomer(tenant(r), r.get("parent_id", UUID.class))).toList();
    }

    /** {@link #resoldCustomers()}'s one customer, if its reseller invoices it; locked with {@code lock}. */
    public Optional<ResoldCustomer> resoldCustomer(UUID customerId, boolean lock) {
        List<Tuple> rows = em.createNativeQuery(RESOLD + " and t.id = :id" + (lock ? " for update of t" : ""),
                Tuple.class).setParameter("id", customerId).getResultList();
        return rows.stream().findFirst().map(r -> new ResoldCustomer(tenant(r), r.get("parent_id", UUID.class)));
    }

    /** A server that lived in the month, with the plan it has now. */
    private record ServerRow(UUID id, String hostname, Instant createdAt, Instant deletedAt, UUID planId) {
    }

    /** Everything a billed tenant's month is rated from: its servers and, for a reseller, its customers'. */
    public Inputs load(UUID tenantId, BillingMonth month) {
        return load(tenantId, month, true);
    }

    /**
     * Everything one account's month is rated from: its own servers only, {@code withCustomers} false (a reseller's
     * customer's usage, which its reseller's invoice covers), or with its customers' too.
     */
    public Inputs load(UUID tenantId, BillingMonth month, boolean withCustomers) {
        List<Tuple> found = em.createNativeQuery("""
                select s.id, s.hostname, s.created_at, s.deleted_at, s.plan_id
                from orders_server s join provisioning_guest g on g.id = s.id
                     join tenancy_tenant t on t.id = s.tenant_id
                where (t.id = :tenant or (:customers and t.parent_id = :tenant)) and g.status <> 'FAILED'
                  and s.created_at < :end and (s.deleted_at is null or s.deleted_at > :start)
                """, Tuple.class)
                .setParameter("customers", withCustomers)
                .setParameter("tenant", tenantId)
                .setParameter("start", month.start())
                .setParameter("end", month.end())
                .getResultList();
        List<ServerRow> rows = found.stream().map(r -> new ServerRow(r.get("id", UUID.class),
                r.get("hostname", String.class), Dates.instant(r.get("created_at")), Dates.instant(r.get("deleted_at")),
                r.get("plan_id", UUID.class))).toList();
        if (rows.isEmpty()) {
            return new Inputs(List.of(), 0, List.of(), Map.of());
        }
        List<UUID> ids = rows.stream().map(ServerRow::id).toList();
        Map<UUID, List<PlanChange>> changes = changes(ids);
        Set<UUID> planIds = new HashSet<>();
        rows.forEach(r -> planIds.add(r.planId()));
        changes.values().forEach(list -> list.forEach(c -> {
            planIds.add(c.fromPlan());
            planIds.add(c.toPlan());
        }));
        Map<UUID, String> codes = new HashMap<>();
        Map<UUID, PlanPrice> plans = plans(planIds, codes);
        List<ServerLife> servers = new ArrayList<>();
        for (ServerRow r : rows) {
            UUID id = r.id();
            Instant created = r.createdAt();
            List<PlanChange> history = changes.getOrDefault(id, List.of());
            List<PlanPeriod> periods = new ArrayList<>();
            UUID first = history.isEmpty() ? r.planId() : history.get(0).fromPlan();
            periods.add(new PlanPeriod(plans.get(first), created));
            for (PlanChange c : history) {
                periods.add(new PlanPeriod(plans.get(c.toPlan()), c.changedAt()));
            }
            servers.add(new ServerLife(id, r.hostname(), created, r.deletedAt(), periods));
        }
        return new Inputs(servers, txBytes(ids, month), snapshots(ids, month), codes);
    }

    /** One plan change of a server. */
    private record PlanChange(UUID serverId, Instant changedAt, UUID fromPlan, UUID toPlan) {
    }

    private Map<UUID, List<PlanChange>> changes(Collection<UUID> servers) {
        List<Tuple> rows = em.createNativeQuery("select server_id, changed_at, from_plan, to_plan "
                + "from server_plan_change where server_id in (:ids) order by changed_at, id", Tuple.class)
                .setParameter("ids", servers).getResultList();
        Map<UUID, List<PlanChange>> byServer = new HashMap<>();
        rows.stream().map(r -> new PlanChange(r.get("server_id", UUID.class), Dates.instant(r.get("changed_at")),
                r.get("from_plan", UUID.class), r.get("to_plan", UUID.class)))
                .forEach(c -> byServer.computeIfAbsent(c.serverId(), k -> new ArrayList<>()).add(c));
        return byServer;
    }

    private Map<UUID, PlanPrice> plans(Collection<UUID> ids, Map<UUID, String> codes) {
        List<Tuple> rows = em.createNativeQuery("select id, code, name, version, hourly_price, monthly_cap, currency, "
                + "traffic_gb from catalog_plan where id in (:ids)", Tuple.class).setParameter("ids", ids)
                .getResultList();
        Map<UUID, PlanPrice> plans = new HashMap<>();
        for (Tuple r : rows) {
            UUID id = r.get("id", UUID.class);
            codes.put(id, r.get("code", String.class));
            Currency currency = Currency.getInstance(r.get("currency", String.class));
            plans.put(id, new PlanPrice(id, r.get("name", String.class) + " v" + r.get("version"),
                    new Money(r.get("hourly_price", BigDecimal.class), currency),
                    new Money(r.get("monthly_cap", BigDecimal.class), currency),
                    r.get("traffic_gb", Number.class).longValue()));
        }
        return plans;
    }

    private long txBytes(Collection<UUID> servers, BillingMonth month) {
        Number sum = (Number) em.createNativeQuery("select coalesce(sum(net_tx_bytes), 0) from usage_hour "
                + "where server_id in (:ids) and hour >= :start and hour < :end")
                .setParameter("ids", servers)
                .setParameter("start", month.start())
                .setParameter("end", month.end())
                .getSingleResult();
        return sum.longValue();
    }

    private List<SnapshotLife> snapshots(Collection<UUID> servers, BillingMonth month) {
        // The panel keeps no size per snapshot, so one is billed at its server's disk size, from its creation.
        List<Tuple> rows = em.createNativeQuery("""
                select sn.guest_id, s.hostname, sn.name, g.disk_gib, sn.created_at
                from provisioning_snapshot sn join orders_server s on s.id = sn.guest_id
                     join provisioning_guest g on g.id = sn.guest_id
                where sn.guest_id in (:ids) and sn.state = 'READY' and sn.created_at < :end
                order by sn.created_at, sn.name
                """, Tuple.class)
                .setParameter("ids", servers)
                .setParameter("end", month.end())
                .getResultList();
        return rows.stream().map(r -> new SnapshotLife(r.get("guest_id", UUID.class), r.get("hostname", String.class),
                r.get("name", String.class), r.get("disk_gib", Number.class).longValue(),
                Dates.instant(r.get("created_at")), null)).toList();
    }

    private static BilledTenant tenant(Tuple r) {
        return new BilledTenant(r.get("id", UUID.class), r.get("name", String.class),
                Currency.getInstance(r.get("currency", String.class)),
                java.time.ZoneId.of(r.get("time_zone", String.class)),
                new io.innkeeper.billing.tax.TaxCustomer(r.get("country", String.class),
                        Boolean.TRUE.equals(r.get("business", Boolean.class)),
                        io.innkeeper.billing.tax.VatId.ofStored(r.get("vat_id", String.class))));
    }
}
