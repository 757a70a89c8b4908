package io.innkeeper.billing;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.billing.*}. Prices are in the invoice's currency. */
@ConfigMapping(prefix = "innkeeper.billing")
public interface BillingConfig {

    /** Price of each started GB (10^9 bytes) of outbound traffic over the tenant's pool. */
    @WithDefault("0.01")
    BigDecimal trafficOveragePerGb();

    /** Price of one GB of snapshot kept for a whole month; shorter keeping is prorated by the hour. */
    @WithDefault("0.05")
    BigDecimal snapshotPerGbMonth();

    Rollup rollup();

    Invoices invoices();

    Dunning dunning();

    interface Rollup {
        /** How often recent hours are rolled up from the raw samples. */
        @WithDefault("5m")
        Duration interval();

        /** How far back each rollup recomputes, so samples committed late still land in their hour. */
        @WithDefault("3h")
        Duration lookback();

        /** Longest gap between two samples of one guest still counted as running time. */
        @WithDefault("5m")
        Duration maxRunningGap();
    }

    interface Invoices {
        /** How often the panel looks for tenants whose month has ended and invoices them. */
        @WithDefault("1h")
        Duration interval();

        /** Time from issuing an invoice to its due date. */
        @WithDefault("14d")
        Duration dueAfter();

        /** Who issues invoices to direct customers and resellers; numbers run without gaps per issuer. */
        @WithDefault("platform")
        String issuer();

        /**
         * How many tenants one run invoices at once, each in its own transaction and connection. Four halved the
         * run's time against two on a two-core machine (bin/bench billing).
         */
        @WithDefault("4")
        int workers();

        /** Prefix of invoice numbers, for example {@code INV-000042}. */
        @WithDefault("INV-")
        String numberPrefix();
    }

    /**
     * The dunning steps' defaults, in whole days; once an admin saves dunning settings (/admin/billing/dunning)
     * the stored ones apply instead ({@link io.innkeeper.billing.ledger.DunningPolicy}).
     */
    interface Dunning {
        /** After the due date: a reminder. */
        @WithDefault("3d")
        Duration reminderAfter();

        /** After the due date: the tenant's servers are powered off and locked. */
        @WithDefault("14d")
        Duration suspendAfter();

        /** After the due date: the tenant's servers are deleted. */
        @WithDefault("45d")
        Duration terminateAfter();
    }
}
