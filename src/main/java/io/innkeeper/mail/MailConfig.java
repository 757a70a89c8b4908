package io.innkeeper.mail;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How letters to one person (invitations) leave the panel's mail queue: {@code innkeeper.mail.*}. */
@ConfigMapping(prefix = "innkeeper.mail")
public interface MailConfig {

    /** How often the queue is looked at for letters that are due. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many attempts a letter gets before it is marked failed. */
    @WithDefault("10")
    int maxAttempts();

    /** The wait after the first failed attempt; doubled after each further one. */
    @WithDefault("2s")
    Duration backoff();

    /** The longest wait between attempts. */
    @WithDefault("10m")
    Duration maxBackoff();

    /**
     * How long a claimed letter is held by one replica before another may try it: longer than the wait for the mail
     * server ({@code quarkus.mailer.timeout}), so a lease outlives the handover it covers.
     */
    @WithDefault("2m")
    Duration lease();
}
