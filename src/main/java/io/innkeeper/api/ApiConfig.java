package io.innkeeper.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the account API. */
@ConfigMapping(prefix = "innkeeper.api")
public interface ApiConfig {

    RateLimit rateLimit();

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
