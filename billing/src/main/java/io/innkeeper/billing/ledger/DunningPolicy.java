package io.innkeeper.billing.ledger;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.kernel.ChangeLog;

/**
 * The dunning settings in force: the admin's saved row, or the configuration ({@code innkeeper.billing.dunning.*},
 * in whole days) while there is none. Read afresh by every dunning run, so a change applies to the next one.
 */
@ApplicationScoped
public class DunningPolicy {

    @Inject
    EntityManager em;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    @Transactional
    public DunningSettings current() {
        List<Tuple> rows = em.createNativeQuery("select reminder_days, suspend_days, terminate_days, version "
                + "from dunning_settings where id = 1", Tuple.class).getResultList();
        if (rows.isEmpty()) {
            return defaults();
        }
        Tuple r = rows.get(0);
        return new DunningSettings(n(r, "reminder_days"), n(r, "suspend_days"), n(r, "terminate_days"),
                n(r, "version"));
    }

    /** What the configuration says; applies while no admin has saved settings. */
    public DunningSettings defaults() {
        BillingConfig.Dunning d = config.dunning();
        return new DunningSettings((int) d.reminderAfter().toDays(), (int) d.suspendAfter().toDays(),
                (int) d.terminateAfter().toDays(), 0);
    }

    /**
     * Saves new settings (one row, its version counted up) in the caller's transaction, the row locked while it
     * is written so two admins saving at once both count.
     *
     * @return the settings now in force, with their new version
     */
    @Transactional
    public DunningSettings save(DunningSettings settings, String by) {
        Number version = (Number) em.createNativeQuery("""
                insert into dunning_settings (id, reminder_days, suspend_days, terminate_days, version, updated_at,
                                              updated_by)
                values (1, :r, :s, :t, 1, :at, :by)
                on conflict (id) do update set reminder_days = excluded.reminder_days,
                    suspend_days = excluded.suspend_days, terminate_days = excluded.terminate_days,
                    version = dunning_settings.version + 1, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                returning version
                """).setParameter("r", settings.reminderDays()).setParameter("s", settings.suspendDays())
                .setParameter("t", settings.terminateDays()).setParameter("at", clock.instant())
                .setParameter("by", by).getSingleResult();
        return new DunningSettings(settings.reminderDays(), settings.suspendDays(), settings.terminateDays(),
                version.intValue());
    }

    /** {@link #save} for an admin: {@code log} records the settings before and after in the same transaction. */
    @Transactional
    public DunningSettings save(ChangeLog log, DunningSettings settings, String by) {
        DunningSettings before = current();
        DunningSettings after = save(settings, by);
        log.changed(new ChangeLog.Change("billing.dunning-settings", "dunning_settings", 1, null,
                "version " + after.version(), days(before), days(after)));
        return after;
    }

    private static Map<String, Integer> days(DunningSettings s) {
        return Map.of("reminderDays", s.reminderDays(), "suspendDays", s.suspendDays(), "terminateDays",
                s.terminateDays(), "version", s.version());
    }

    private static int n(Tuple row, String column) {
        return row.get(column, Number.class).intValue();
    }
}
