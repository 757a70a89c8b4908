package io.innkeeper.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.quotas.*}: the quota of a direct tenant nobody has set one for. */
@ConfigMapping(prefix = "innkeeper.quotas")
public interface QuotaConfig {

    Default defaults();

    interface Default {
        @WithDefault("10")
        int servers();

        @WithDefault("16")
        int vcpus();

        @WithDefault("32768")
        long memoryMib();

        @WithDefault("500")
        long diskGib();

        @WithDefault("10")
        int ipv4();

        @WithDefault("20")
        int snapshots();
    }

    default QuotaLimits defaultLimits() {
        Default d = defaults();
        return new QuotaLimits(d.servers(), d.vcpus(), d.memoryMib(), d.diskGib(), d.ipv4(), d.snapshots(), null,
                null, null);
    }
}
