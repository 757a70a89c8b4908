package io.innkeeper.provisioning.reconcile;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.provisioning.reconcile.*}. */
@ConfigMapping(prefix = "innkeeper.provisioning.reconcile")
public interface ReconcileConfig {

    /** How often each node is compared with the database; the first run waits one interval after start. */
    @WithDefault("60s")
    Duration interval();
}
