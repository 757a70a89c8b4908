package io.innkeeper.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.Outbox;
import io.innkeeper.mail.Mail;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Notifications end to end: {@code EVENTS} server-ready events recorded in the outbox (100 a transaction, spread
 * over {@code ACCOUNTS} accounts), each turned into a notification for its account's owner in the event's
 * transaction, and mailed by the panel's worker to the local mail server. Prints events per second and the time from
 * an event to the mail server's acceptance of its mail (p50, p99, max), and beside them the machine's floor: plain
 * SMTP sends one after another through the same mailer, of a message of the same size. A benchmark, not a test: it
 * asserts nothing about speed. Run with {@code bin/bench notify}, which starts a mail server of its own.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "notify")
class NotificationBenchmark {

    private static final int EVENTS = Integer.getInteger("innkeeper.bench.events", 10_000);
    private static final int ACCOUNTS = Integer.getInteger("innkeeper.bench.accounts", 100);
    private static final int RAW = Integer.getInteger("innkeeper.bench.raw", 2_000);
    private static final int PER_TRANSACTION = 100;

    @Inject
    Fixtures fixtures;

    @Inject
    People people;

    @Inject
    Outbox outbox;

    @Inject
    Mail mail;

    @Inject
    EntityManager em;

    @Test
    void eventsToMailsAccepted() {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String owner = "bench-notify-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            tenants.add(fixtures.tenantOf(owner, TenantKind.CUSTOMER, null));
            people.remember(owner, Mailbox.freshAddress("bench-" + i));
        }

        // The floor: the same mailer, one message after another, as the worker sends them.
        Mail.Message sample = sample();
        raw(sample, RAW / 10); // warm-up
        long rawStart = System.nanoTime();
        raw(sample, RAW);
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

        long start = System.nanoTime();
        for (int done = 0; done < EVENTS; done += PER_TRANSACTION) {
            int from = done;
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = from; i < Math.min(EVENTS, from + PER_TRANSACTION); i++) {
                    UUID server = UUID.randomUUID();
                    outbox.record(tenants.get(i % ACCOUNTS), "job.succeeded", server,
                            Map.of("server", server.toString(), "kind", "CREATE"));
                }
            });
        }
        double recordSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from notification n join outbox_event e on e.id = n.event_id "
                        + "where e.type = 'job.succeeded' and n.mail_state <> 'PENDING'") >= EVENTS);
        double allSeconds = (System.nanoTime() - start) / 1e9;

        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select e.created_at, n.sent_at, n.mail_state from notification n "
                        + "join outbox_event e on e.id = n.event_id where e.type = 'job.succeeded'", Object[].class)
                .getResultList());
        long[] latency = rows.stream().filter(r -> "SENT".equals(r[2]))
                .mapToLong(r -> Duration.between((Instant) r[0], (Instant) r[1]).toMillis()).sorted().toArray();
        long notSent = rows.stream().filter(r -> !"SENT".equals(r[2])).count();

        System.out.printf("%nNOTIFICATION BENCHMARK (%d events, %d accounts, one owner each; local GreenMail)%n",
                EVENTS, ACCOUNTS);
        System.out.printf("  events recorded with their notifications:  %8.0f events/s (%.1f s)%n",
                EVENTS / recordSeconds, recordSeconds);
        System.out.printf("  events to mails accepted, end to end:      %8.0f events/s (%.1f s), %d not sent%n",
                EVENTS / allSeconds, allSeconds, notSent);
        System.out.printf("  event -> mail accepted by the server:      p50 %7d ms  p99 %7d ms  max %7d ms%n",
                pct(latency, 50), pct(latency, 99), latency.length == 0 ? -1 : latency[latency.length - 1]);
        System.out.printf("  floor, raw SMTP sends with the same mailer: %8.0f mails/s (%d in %.1f s, %d bytes "
                + "of text and HTML each)%n", RAW / rawSeconds, RAW, rawSeconds,
                sample.letter().text().length() + sample.html().length());
        System.out.println();
    }

    /** A message as big as a server-ready notification, to a fresh address. */
    private static Mail.Message sample() {
        String text = "Hello,\n\nYour server bench.example.com is ready.\n\n" + "x".repeat(600);
        String html = "<!DOCTYPE html><html><body><p>Hello,</p><p>Your server bench.example.com is ready.</p>"
                + "y".repeat(1500) + "</body></html>";
        return new Mail.Message(new Mail.Letter(Mailbox.freshAddress("bench-raw"), "Your server is ready", text),
                html, List.of(), Map.of("X-Innkeeper-Topic", "server_ready"), null);
    }

    private void raw(Mail.Message message, int count) {
        for (int i = 0; i < count; i++) {
            mail.deliverNow(message);
        }
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult())
                .longValue());
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
