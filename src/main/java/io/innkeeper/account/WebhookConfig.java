package io.innkeeper.account;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhooks are delivered. */
@ConfigMapping(prefix = "innkeeper.webhooks")
public interface WebhookConfig {

    /** How often a replica looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** The first retry's delay; each further one doubles it, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration backoff();

    @WithDefault("15m")
    Duration maxBackoff();

    /** Attempts before a delivery is given up (it can still be replayed). */
    @WithDefault("20")
    int maxAttempts();

    /** Whether endpoints may be on loopback or private addresses: only for tests and closed networks. */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** How long one delivery may take. */
    @WithDefault("10s")
    Duration timeout();
}
