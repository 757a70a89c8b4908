package io.innkeeper.tenancy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Invitations: how long a link lives (links start with kernel.PublicAddress). */
@ConfigMapping(prefix = "innkeeper.invitations")
public interface InvitationConfig {

    /** How long an invitation link may be used after it is sent. */
    @WithDefault("P7D")
    Duration expiry();
}
