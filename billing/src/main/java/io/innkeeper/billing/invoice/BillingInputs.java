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

    /** Everything one tenant's month is rated from. */
    public record Inputs(List<ServerLife> servers, long txBytes, List<SnapshotLife> snapshots) {
    }

    @Inject
    EntityManager em;

    /** The tenant, locked for the rest of the transaction, so two runs for one tenant queue up. */
    public Optional<BilledTenant> lockTenant(UUID tenantId) {
        List<Object[]> rows = em.createNativeQuery("select id, name, currency, time_zone from tenancy_tenant "
                + "where id = :id and parent_id is null for update", Object[].class).setParameter("id", tenantId)
                .getResultList();
        return rows.stream().findFirst().map(BillingInputs::tenant);
    }

    public Optional<BilledTenant> tenant(UUID tenantId) {
        List<Object[]> rows = em.createNativeQuery("select id, name, currency, time_zone from tenancy_tenant "
                + "where id = :id and parent_id is null", Object[].class).setParameter("id", tenantId).getResultList();
        return rows.stream().findFirst().map(BillingInputs::tenant);
    }

    /** Tenants the platform invoices directly: every tenant without a reseller above it. */
    public List<BilledTenant> billedTenants() {
        List<Object[]> rows = em.createNativeQuery("select id, name, currency, time_zone from tenancy_tenant "
                + "where parent_id is null order by created_at, id", Object[].class).getResultList();
        return rows.stream().map(BillingInputs::tenant).toList();
    }

    public Inputs load(UUID tenantId, BillingMonth month) {
        List<Object[]> rows = em.createNativeQuery("""
                select s.id, s.hostname, s.created_at, s.deleted_at, s.plan_id
                from orders_server s join provisioning_guest g on g.id = s.id
                     join tenancy_tenant t on t.id = s.tenant_id
                where (t.id = :tenant or t.parent_id = :tenant) and g.status <> 'FAILED'
                  and s.created_at < :end and (s.deleted_at is null or s.deleted_at > :start)
                """, Object[].class)
                .setParameter("tenant", tenantId)
                .setParameter("start", month.start())
                .setParameter("end", month.end())
                .getResultList();
        if (rows.isEmpty()) {
            return new Inputs(List.of(), 0, List.of());
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, List<Object[]>> changes = changes(ids);
        Set<UUID> planIds = new HashSet<>();
        rows.forEach(r -> planIds.add((UUID) r[4]));
        changes.values().forEach(list -> list.forEach(c -> {
            planIds.add((UUID) c[2]);
            planIds.add((UUID) c[3]);
        }));
        Map<UUID, PlanPrice> plans = plans(planIds);
        List<ServerLife> servers = new ArrayList<>();
        for (Object[] r : rows) {
            UUID id = (UUID) r[0];
            Instant created = Dates.instant(r[2]);
            List<Object[]> history = changes.getOrDefault(id, List.of());
            List<PlanPeriod> periods = new ArrayList<>();
            UUID first = history.isEmpty() ? (UUID) r[4] : (UUID) history.get(0)[2];
            periods.add(new PlanPeriod(plans.get(first), created));
            for (Object[] c : history) {
                periods.add(new PlanPeriod(plans.get((UUID) c[3]), Dates.instant(c[1])));
            }
            servers.add(new ServerLife(id, (String) r[1], created, Dates.instant(r[3]), periods));
        }
        return new Inputs(servers, txBytes(ids, month), snapshots(ids, month));
    }

    private Map<UUID, List<Object[]>> changes(Collection<UUID> servers) {
        List<Object[]> rows = em.createNativeQuery("select server_id, changed_at, from_plan, to_plan "
                + "from server_plan_change where server_id in (:ids) order by changed_at, id", Object[].class)
                .setParameter("ids", servers).getResultList();
        Map<UUID, List<Object[]>> byServer = new HashMap<>();
        rows.forEach(r -> byServer.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(r));
        return byServer;
    }

    private Map<UUID, PlanPrice> plans(Collection<UUID> ids) {
        List<Object[]> rows = em.createNativeQuery("select id, name, version, hourly_price, monthly_cap, currency, "
                + "traffic_gb from catalog_plan where id in (:ids)", Object[].class).setParameter("ids", ids)
                .getResultList();
        Map<UUID, PlanPrice> plans = new HashMap<>();
        for (Object[] r : rows) {
            Currency currency = Currency.getInstance((String) r[5]);
            plans.put((UUID) r[0], new PlanPrice((UUID) r[0], r[1] + " v" + r[2],
                    new Money((BigDecimal) r[3], currency), new Money((BigDecimal) r[4], currency),
                    ((Number) r[6]).longValue()));
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
        List<Object[]> rows = em.createNativeQuery("""
                select sn.guest_id, s.hostname, sn.name, g.disk_gib, sn.created_at
                from provisioning_snapshot sn join orders_server s on s.id = sn.guest_id
                     join provisioning_guest g on g.id = sn.guest_id
                where sn.guest_id in (:ids) and sn.state = 'READY' and sn.created_at < :end
                order by sn.created_at, sn.name
                """, Object[].class)
                .setParameter("ids", servers)
                .setParameter("end", month.end())
                .getResultList();
        return rows.stream().map(r -> new SnapshotLife((UUID) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).longValue(), Dates.instant(r[4]), null)).toList();
    }

    private static BilledTenant tenant(Object[] r) {
        return new BilledTenant((UUID) r[0], (String) r[1], Currency.getInstance((String) r[2]),
                java.time.ZoneId.of((String) r[3]));
    }
}
