package io.innkeeper.quota;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.job.GuestChanged;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;

/**
 * Tells an account once when its use of a quota dimension reaches 80 % and once when it reaches 100 % (the steps of
 * {@link io.innkeeper.kernel.UsageSteps}): the step last told per dimension is kept in {@code quota_level_told},
 * raised when a step is crossed ({@link QuotaThresholdCrossed}) and lowered when use falls back, so a later rise is
 * told again. Orders and resizes call {@link #check} with the account locked; a guest that stops holding quota
 * (deleted, or failed to be made) only lowers the steps.
 */
@ApplicationScoped
public class QuotaThresholds {

    @Inject
    EntityManager em;

    @Inject
    QuotaService quotas;

    @Inject
    Event<QuotaThresholdCrossed> crossed;

    /** After an order or resize of {@code tenant} (locked by {@link QuotaService#lock}): its quota, then its pool's. */
    @Transactional(TxType.MANDATORY)
    public void check(Tenant tenant) {
        em.flush();
        settle(tenant, true);
        if (tenant.parent != null) {
            settle(tenant.parent, true);
        }
    }

    void onGuestChanged(@Observes GuestChanged change) {
        if (change.status().isLive()) {
            return;
        }
        em.flush();
        List<UUID> owner = em.createNativeQuery("select owner_ref from provisioning_guest where id = :g", UUID.class)
                .setParameter("g", change.guestId()).getResultList();
        Tenant tenant = owner.isEmpty() || owner.get(0) == null ? null : em.find(Tenant.class, owner.get(0));
        if (tenant == null) {
            return;
        }
        settle(tenant, false);
        if (tenant.parent != null) {
            settle(tenant.parent, false);
        }
    }

    private void settle(Tenant tenant, boolean tell) {
        Set<UUID> counted = tenant.kind == TenantKind.RESELLER ? quotas.pool(tenant.id) : Set.of(tenant.id);
        List<QuotaLevels.Level> now = QuotaLevels.of(quotas.limits(tenant.id), quotas.usage(counted));
        Map<String, Integer> told = told(tenant.id);
        for (QuotaLevels.Level level : now) {
            int before = told.getOrDefault(level.dimension(), 0);
            if (level.level() < before || (tell && level.level() > before)) {
                remember(tenant.id, level.dimension(), level.level());
            }
        }
        if (tell) {
            for (QuotaLevels.Level level : QuotaLevels.crossed(now, told)) {
                crossed.fire(new QuotaThresholdCrossed(tenant.id, level.dimension(), level.level(), level.percent(),
                        level.used(), level.limit()));
            }
        }
    }

    private Map<String, Integer> told(UUID tenantId) {
        Map<String, Integer> told = new HashMap<>();
        List<Tuple> rows = em.createNativeQuery("select dimension, level from quota_level_told where tenant_id = :t",
                Tuple.class).setParameter("t", tenantId).getResultList();
        for (Tuple row : rows) {
            told.put(row.get("dimension", String.class), row.get("level", Number.class).intValue());
        }
        return told;
    }

    private void remember(UUID tenantId, String dimension, int level) {
        em.createNativeQuery("""
                insert into quota_level_told (tenant_id, dimension, level) values (:t, :d, :l)
                on conflict (tenant_id, dimension) do update set level = excluded.level
                """).setParameter("t", tenantId).setParameter("d", dimension).setParameter("l", level)
                .executeUpdate();
    }
}
