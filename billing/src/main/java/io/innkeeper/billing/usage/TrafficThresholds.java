package io.innkeeper.billing.usage;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.billing.invoice.BillingInputs;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.kernel.UsageSteps;

/**
 * After the hourly rollups, compares each billed tenant's outbound bytes of the month with its pooled allowance,
 * both as rating computes them ({@link TenantInvoicer#project}), and tells the tenant once per month when it
 * reaches 80 % and once when it reaches 100 % ({@link TrafficThresholdCrossed}). The step told per month is kept in
 * {@code traffic_level_told}; it only rises within a month, so a pool that grows later does not cause a second mail.
 */
@ApplicationScoped
public class TrafficThresholds {

    @Inject
    EntityManager em;

    @Inject
    BillingInputs inputs;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    Event<TrafficThresholdCrossed> crossed;

    /** The billed tenants whose servers sent bytes in the hours from {@code since}: the only ones that can rise. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<UUID> sentSince(Instant since) {
        return em.createNativeQuery("""
                select distinct coalesce(t.parent_id, t.id) from usage_hour u join tenancy_tenant t on t.id = u.tenant_id
                where u.hour >= :since and u.net_tx_bytes > 0
                """, UUID.class).setParameter("since", HourlyRollup.hourOf(since)).getResultList();
    }

    /** Checks one billed tenant's month at {@code now}, with the tenant locked so two replicas tell it once. */
    @Transactional(TxType.REQUIRES_NEW)
    public void check(UUID tenantId, Instant now) {
        if (inputs.lockTenant(tenantId).isEmpty()) {
            return;
        }
        Draft month = invoicer.project(tenantId, now);
        long pool = month.poolBytes().setScale(0, RoundingMode.FLOOR).longValueExact();
        int step = UsageSteps.step(month.txBytes(), pool);
        String period = month.month().month().toString();
        List<?> told = em.createNativeQuery("select level from traffic_level_told where tenant_id = :t and period = :p")
                .setParameter("t", tenantId).setParameter("p", period).getResultList();
        int before = told.isEmpty() ? 0 : ((Number) told.get(0)).intValue();
        if (step <= before) {
            return;
        }
        em.createNativeQuery("""
                insert into traffic_level_told (tenant_id, period, level) values (:t, :p, :l)
                on conflict (tenant_id, period) do update set level = excluded.level
                """).setParameter("t", tenantId).setParameter("p", period).setParameter("l", step).executeUpdate();
        crossed.fire(new TrafficThresholdCrossed(tenantId, period, step, UsageSteps.percent(month.txBytes(), pool),
                month.txBytes(), pool));
    }
}
