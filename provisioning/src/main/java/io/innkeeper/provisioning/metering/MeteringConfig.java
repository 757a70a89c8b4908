package io.innkeeper.provisioning.metering;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.provisioning.metering.*}. */
@ConfigMapping(prefix = "innkeeper.provisioning.metering")
public interface MeteringConfig {

    /** How often each node's counters are sampled; the first run waits one interval after start. */
    @WithDefault("60s")
    Duration interval();
}
