package io.innkeeper.tenancy;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.innkeeper.quota.QuotaLimits;

/**
 * {@code innkeeper.signup.*}: whether strangers may open an account here themselves, what the welcome page offers,
 * and the limit a self-made account has until an admin approves it.
 */
@ConfigMapping(prefix = "innkeeper.signup")
public interface SignUpConfig {

    /** Whether a signed-in login without an account may create one; off, the welcome page only says {@link #closed()}. */
    @WithDefault("true")
    boolean enabled();

    /** What the welcome page says when sign-up is off: how to get an account instead. */
    @WithDefault("This provider does not open accounts on its own. Ask your provider or your reseller for an "
            + "account; they invite you by e-mail, and the link in that mail brings you back here.")
    String closed();

    /** The billing currencies a new account may choose (ISO 4217), the first preselected. */
    @WithDefault("EUR,USD,GBP,CHF")
    List<String> currencies();

    NewAccount newAccount();

    /** What a self-made account may hold until approved: by default one small server. */
    interface NewAccount {
        @WithDefault("1")
        int servers();

        @WithDefault("1")
        int vcpus();

        @WithDefault("1024")
        long memoryMib();

        @WithDefault("25")
        long diskGib();

        @WithDefault("1")
        int ipv4();

        @WithDefault("1")
        int snapshots();
    }

    default QuotaLimits newAccountLimits() {
        NewAccount n = newAccount();
        return new QuotaLimits(n.servers(), n.vcpus(), n.memoryMib(), n.diskGib(), n.ipv4(), n.snapshots(), null,
                null, null);
    }
}
