package io.innkeeper.billing.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.BillingTasks;

/** Rolls up the recent hours every interval; the look-back picks up samples that were committed late. */
@ApplicationScoped
public class RollupSchedule {

    private static final Logger LOG = Logger.getLogger(RollupSchedule.class);

    @Inject
    UsageRollups rollups;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    @Inject
    BillingTasks tasks;

    @Inject
    TrafficThresholds traffic;

    @Scheduled(every = "${innkeeper.billing.rollup.interval:5m}", delayed = "${innkeeper.billing.rollup.interval:5m}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "usage-rollup")
    void tick() {
        if (!tasks.claim(BillingTasks.Task.USAGE_ROLLUP, config.rollup().interval())) {
            return;
        }
        catchUp(clock.instant());
    }

    /**
     * Rolls up from the look-back, or from where the last run got if that is earlier (the panel was down), a day
     * per transaction, moves the mark, and then checks the traffic allowance of every tenant that sent bytes in the
     * hours it rolled up.
     */
    public void catchUp(Instant now) {
        Instant usual = now.minus(config.rollup().lookback());
        Instant from = rollups.mark().filter(m -> m.isBefore(usual)).orElse(usual);
        for (Instant start = from; start.isBefore(now); start = start.plus(Duration.ofDays(1))) {
            Instant end = start.plus(Duration.ofDays(1));
            rollups.rollup(start, end.isAfter(now) ? now : end);
        }
        rollups.mark(now);
        for (UUID tenant : traffic.sentSince(from)) {
            try {
                traffic.check(tenant, now);
            } catch (RuntimeException e) {
                // One tenant's trouble must not keep the others from being told; the next run tries it again.
                LOG.warnf(e, "could not check the traffic allowance of %s", tenant);
            }
        }
    }
}
