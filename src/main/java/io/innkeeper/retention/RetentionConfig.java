package io.innkeeper.retention;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.retention.*}: how long each kind of record is kept, and how the purge runs. */
@ConfigMapping(prefix = "innkeeper.retention")
public interface RetentionConfig {

    /** How often the retention run is due; one replica runs it each period. */
    @WithDefault("1h")
    Duration interval();

    /** Rows deleted per transaction, so a purge never holds a long transaction or many locks. */
    @WithDefault("1000")
    int batchSize();

    MeterSamples meterSamples();

    Audit audit();

    /** Outbox events and their webhook deliveries, once delivered or given up. */
    @WithDefault("30d")
    Duration outbox();

    /** Jobs, counted from when they finished (succeeded or failed for good). */
    @WithDefault("90d")
    Duration jobs();

    /** Idempotency records of API requests: a retry within this time answers the first response. */
    @WithDefault("7d")
    Duration idempotency();

    /** Notifications (inbox entries and their mails), once their mail is sent, failed or skipped. */
    @WithDefault("90d")
    Duration notifications();

    /**
     * Billing's hourly usage per server: issued invoices keep what they billed, so the hours behind them are needed
     * only to re-rate or explain a month; thirteen months by default. Never less than 70 days (UsageRetention).
     */
    @WithDefault("400d")
    Duration usageHours();

    interface MeterSamples {
        /**
         * Raw meter samples: the usage graphs show at most 30 days, and billing keeps its own hourly rollup, so a
         * day's partition goes once it is this old and rolled up.
         */
        @WithDefault("35d")
        Duration keep();

        /** Days of partitions made ahead of today; an insert beyond them lands in the default partition. */
        @WithDefault("7")
        int daysAhead();
    }

    interface Audit {
        /** Entries that bear on a bill (see AuditRetention): as long as bookkeeping records, ten years. */
        @WithDefault("3650d")
        Duration billing();

        /** Every other entry (sign-ins, consoles, power actions, node work). */
        @WithDefault("730d")
        Duration other();
    }
}
