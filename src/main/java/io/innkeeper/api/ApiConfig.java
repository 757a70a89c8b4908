package io.innkeeper.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the account API. */
@ConfigMapping(prefix = "innkeeper.api")
public interface ApiConfig {

    RateLimit rateLimit();

    /**
     * Memory for the pages of servers a replica keeps to serve again while they are current ({@link ServerPageCache});
     * 0 keeps none.
     */
    @WithDefault("32")
    int serverPageCacheMib();

    /** A token bucket per API token (or per Keycloak login) and per replica. */
    interface RateLimit {

        /** Requests a client may send in a burst. */
        @WithDefault("300")
        long capacity();

        /** Requests added back to the bucket each second. */
        @WithDefault("50")
        long refillPerSecond();
    }
}
