package io.innkeeper.billing.usage;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.BillingConfig;

/** Rolls up the recent hours every interval; the lookback picks up samples that were committed late. */
@ApplicationScoped
public class RollupSchedule {

    @Inject
    UsageRollups rollups;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${innkeeper.billing.rollup.interval:5m}", delayed = "${innkeeper.billing.rollup.interval:5m}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "usage-rollup")
    void tick() {
        Instant now = clock.instant();
        rollups.rollup(now.minus(config.rollup().lookback()), now);
    }
}
