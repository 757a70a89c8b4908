package io.innkeeper.tenancy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Invitations: the panel's address as the invited person's browser reaches it, and how long a link lives. */
@ConfigMapping(prefix = "innkeeper.invitations")
public interface InvitationConfig {

    /** The panel's public address, without a trailing slash; invitation links start with it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** How long an invitation link may be used after it is sent. */
    @WithDefault("P7D")
    Duration expiry();
}
