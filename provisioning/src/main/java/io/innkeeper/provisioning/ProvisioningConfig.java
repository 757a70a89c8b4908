package io.innkeeper.provisioning;

import java.time.Duration;
import java.util.Optional;

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

    /** How long a page waits for a node to send a guest's console log before it says the node did not answer. */
    @WithDefault("5s")
    Duration consoleReadTimeout();

    Jobs jobs();

    CloudInit cloudInit();

    /** The NoCloud seed guests fetch from the panel at boot; without both values guests get none. */
    interface CloudInit {
        /** This panel's address as the guests reach it, for example {@code http://203.0.113.10:8080}. */
        Optional<String> baseUrl();

        /** Key of the per-guest seed links; keep it secret, like a database password. */
        Optional<String> secret();
    }

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
