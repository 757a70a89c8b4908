package io.innkeeper.retention;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.billing.BillingTasks;

/**
 * Runs the retention each interval on one replica: the period is claimed the way the billing schedules claim
 * theirs ({@link BillingTasks}), so however many replicas tick, one runs it.
 */
@ApplicationScoped
public class RetentionSchedule {

    private static final Logger LOG = Logger.getLogger(RetentionSchedule.class);

    @Inject
    Retention retention;

    @Inject
    RetentionConfig config;

    @Inject
    BillingTasks tasks;

    @Inject
    Clock clock;

    @Scheduled(every = "${innkeeper.retention.interval:1h}", delayed = "${innkeeper.retention.interval:1h}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "retention")
    void tick() {
        if (!tasks.claim(BillingTasks.Task.RETENTION, config.interval())) {
            return;
        }
        Retention.Report report = retention.run(clock.instant());
        LOG.infof("retention: %s", report);
    }
}
