package io.innkeeper.notify;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How notifications are delivered: {@code innkeeper.notifications.*}. */
@ConfigMapping(prefix = "innkeeper.notifications")
public interface NotificationConfig {

    /** How often the worker looks for mail that is due. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How many attempts a mail gets before it is marked failed for good. */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failed attempt; doubled after each further one. */
    @WithDefault("30s")
    Duration backoff();

    /** The longest wait between attempts. */
    @WithDefault("1h")
    Duration maxBackoff();

    /**
     * How long a claimed mail is held by one replica before another may try it. Keep it longer than the wait for the
     * mail server ({@code quarkus.mailer.timeout}, 60 s by default), so a lease outlives the handover it covers.
     */
    @WithDefault("2m")
    Duration lease();

    /** The sender's display name on notification mails (the provider's brand); the address stays the mailer's. */
    Optional<String> senderName();

    /** A directory of templates that replace the built-in ones by file name ({@code server_ready.html}, ...). */
    Optional<String> templateDir();

    /** The key that signs unsubscribe links; in production from the environment or a Helm secret. */
    @WithDefault("innkeeper-dev-unsubscribe-key-change-me")
    String unsubscribeKey();
}
