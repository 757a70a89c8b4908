package io.innkeeper.orders;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.stock.*}: how long the stock a storefront shows may be old. */
@ConfigMapping(prefix = "innkeeper.stock")
public interface StockConfig {

    /** How long the platform's room, and each tenant's quota standing, are kept before they are read again. */
    @WithDefault("5s")
    Duration cacheFor();

    /** Counts of what more would fit stop here: "at least this many". */
    @WithDefault("1000")
    long countUpTo();
}
