package io.innkeeper.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import io.innkeeper.testing.SmtpRelay;

/**
 * A panel as a provider sets it up: its own product name and support contact, its own sender name and its own text
 * of the server-ready mail, sending through a
 * mail server the test steers ({@link SmtpRelay} in front of the run's GreenMail), with small retry settings so a
 * refused mail is retried and given up within seconds.
 */
public class ProviderMailProfile implements QuarkusTestProfile {

    static final String SENDER_NAME = "Acme Hosting";
    static final String BRAND = "Acme Cloud";
    static final String SUPPORT_EMAIL = "help@acme.example";
    static final int MAX_ATTEMPTS = 3;
    static final long BACKOFF_MILLIS = 300;

    /** The relay the panel of this profile sends through; one per test JVM, like the panel itself. */
    static final SmtpRelay RELAY = SmtpRelay.toTestMailServer();

    /** The provider's template directory, with its own plain-text server-ready mail. */
    static final Path TEMPLATES = templates();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("quarkus.mailer.port", String.valueOf(RELAY.port())),
                Map.entry("innkeeper.brand.name", BRAND), Map.entry("innkeeper.brand.support-email", SUPPORT_EMAIL),
                Map.entry("innkeeper.notifications.sender-name", SENDER_NAME),
                Map.entry("innkeeper.notifications.template-dir", TEMPLATES.toString()),
                Map.entry("innkeeper.notifications.poll-interval", "100ms"),
                Map.entry("innkeeper.notifications.max-attempts", String.valueOf(MAX_ATTEMPTS)),
                Map.entry("innkeeper.notifications.backoff", BACKOFF_MILLIS + "ms"),
                Map.entry("innkeeper.notifications.max-backoff", "5s"),
                Map.entry("innkeeper.mail.poll-interval", "100ms"),
                Map.entry("innkeeper.mail.backoff", BACKOFF_MILLIS + "ms"));
    }

    private static Path templates() {
        try {
            Path dir = Files.createTempDirectory("innkeeper-provider-templates");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("server_ready.txt");
            Files.writeString(file, """
                    {#fragment id=subject rendered=false}Acme: {n.hostname} is up{/fragment}Hello from Acme Hosting.

                    Your machine {n.hostname} answers at {#each n.addresses}{it} {/each}
                    {#include notifications/footer.txt /}
                    """);
            file.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
