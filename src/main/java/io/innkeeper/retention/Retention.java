package io.innkeeper.retention;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.account.AccountRetention;
import io.innkeeper.audit.AuditRetention;
import io.innkeeper.billing.usage.UsageRetention;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.mail.LetterSender;
import io.innkeeper.notify.NotificationRetention;
import io.innkeeper.provisioning.job.FinishedJobs;
import io.innkeeper.provisioning.metering.MeterPartitions;

/**
 * One retention run: asks each module to purge its own records older than their retention
 * ({@link RetentionConfig}), each through its own use case. Safe to run on several replicas at once and to run
 * again: every purge is idempotent and takes its rows with {@code skip locked} or under an advisory lock.
 * Notifications go before the outbox, whose events they quote.
 */
@ApplicationScoped
public class Retention {

    /** What a run removed, per kind of record. */
    public record Report(List<String> partitionsCreated, List<String> partitionsDropped, long samplesDeletedFromDefault,
            long usageHours, long audit, long notifications, long letters, long outbox, long idempotency,
            long jobs) {
    }

    @Inject
    RetentionConfig config;

    @Inject
    MeterPartitions partitions;

    @Inject
    UsageRollups rollups;

    @Inject
    UsageRetention usage;

    @Inject
    AuditRetention audit;

    @Inject
    NotificationRetention notifications;

    @Inject
    LetterSender letters;

    @Inject
    AccountRetention account;

    @Inject
    FinishedJobs jobs;

    public Report run(Instant now) {
        int batch = config.batchSize();
        MeterPartitions.Outcome samples = partitions.maintain(now, config.meterSamples().daysAhead(), rollups.mark(),
                now.minus(config.meterSamples().keep()), batch);
        long usageHours = usage.purge(now, now.minus(config.usageHours()), batch);
        long auditEntries = audit.purge(now.minus(config.audit().billing()), now.minus(config.audit().other()),
                batch);
        long notified = notifications.purge(now.minus(config.notifications()), batch);
        // Failed letters (an invitation the mail server refused) are kept as long as notifications.
        long failedLetters = letters.purgeFailed(now.minus(config.notifications()), batch);
        long outbox = account.purgeOutbox(now.minus(config.outbox()), batch);
        long idempotency = account.purgeIdempotency(now.minus(config.idempotency()), batch);
        long finished = jobs.purge(now.minus(config.jobs()), batch);
        return new Report(samples.created(), samples.dropped(), samples.deletedFromDefault(), usageHours,
                auditEntries, notified, failedLetters, outbox, idempotency, finished);
    }
}
