package io.innkeeper.tenancy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Single sign-on links: how long one may be followed and how long the session it opens lasts. */
@ConfigMapping(prefix = "innkeeper.login-links")
public interface LoginLinkConfig {

    /** How long a link may be followed after it is made. */
    @WithDefault("2m")
    Duration lifetime();

    /** How long the panel session a link opens lasts (it ends sooner on sign-out). */
    @WithDefault("8h")
    Duration sessionLifetime();
}
