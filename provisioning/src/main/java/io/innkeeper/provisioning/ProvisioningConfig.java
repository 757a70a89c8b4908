package io.innkeeper.provisioning;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.provisioning.*}. */
@ConfigMapping(prefix = "innkeeper.provisioning")
public interface ProvisioningConfig {

    /** {@code kvm} on hosts with hardware virtualisation, {@code qemu} (emulation) elsewhere. */
    @WithDefault("kvm")
    String kvmDomainType();

    /** Where guest disk images live on the nodes. */
    @WithDefault("/var/lib/innkeeper/images")
    String imageDir();

    /** How long a released IPv4 address rests before another server gets it (stale DNS and ARP caches). */
    @WithDefault("1h")
    Duration ipCooldown();

    /** How long a guest gets to shut down cleanly (ACPI) before it is powered off; below the job lease. */
    @WithDefault("30s")
    Duration shutdownTimeout();

    Jobs jobs();

    interface Jobs {
        /** How often an idle worker looks for due jobs. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How long a claimed job stays with its worker before another may take it over. */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("5")
        int maxAttempts();

        /** First retry delay; it doubles with every attempt. */
        @WithDefault("2s")
        Duration backoff();

        /** Jobs one replica runs at once. */
        @WithDefault("8")
        int concurrency();
    }
}
