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

    /**
     * How long a replica holds a node's periodic task (reconcile or meter collection). Long enough for any run; it
     * only matters when a replica dies holding it: another replica takes the task over once it has passed.
     */
    @WithDefault("10m")
    Duration taskLease();
}
