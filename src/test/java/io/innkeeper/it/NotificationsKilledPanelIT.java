package io.innkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.SmtpRelay;

/**
 * Panels killed (SIGKILL) while they send notifications, at the two moments that matter, and another panel that
 * finishes: every notification reaches the mail server, and a second copy exists only where SMTP cannot rule one
 * out, which the row records.
 * <ol>
 * <li>Panel A sends through a relay that holds the 11th message before its end: the server has not taken it. A is
 * killed; the relay drops the connection, so the server discards the unfinished message.</li>
 * <li>Panel A is started again (A2) and sends through a relay that lets the 5th message's end through, the server
 * accepts it, and the relay keeps the server's {@code 250} from A2, which so never learns it was taken. A2 is
 * killed.</li>
 * <li>Panel B, straight to the mail server, sends the rest once the dead panels' leases have passed.</li>
 * </ol>
 * Then: every notification is SENT; the mail server holds each one's Message-ID; the message held before its end
 * came once; the message the server took without A2 hearing so came twice, both copies with the one Message-ID, and
 * its row counts the interrupted handover. No other message came twice.
 * <p>
 * A panel may also fail an attempt of its own accord (the mail server or the client going silent until the
 * mailer's timeout): such an attempt is logged ("not mailed on attempt"), and as the server may have taken the mail,
 * it may count as an interrupted handover and bring one more copy. The test allows exactly that much per logged
 * failure, and nothing for a notification no panel logged.
 * <p>
 * The notifications are written as the panel's notification pipeline writes them (a server-ready event and one row
 * for the account's owner each), directly in the database: what is under test is delivery across processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsKilledPanelIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final int NOTIFICATIONS = 30;
    private static final Pattern FAILED_ATTEMPT = Pattern.compile("notification ([0-9a-f-]{36}) not mailed on attempt");

    private ItDatabase db;

    @BeforeAll
    void database() {
        db = ItDatabase.createFresh();
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyNotificationArrivesAndOnlyAnUnansweredHandoverArrivesTwice() throws Exception {
        String address = Mailbox.freshAddress("killed");
        String held1;
        String held2;
        List<Path> logs = new ArrayList<>();
        try (SmtpRelay relay = SmtpRelay.toTestMailServer().hold(11, SmtpRelay.Hold.BEFORE_END);
                PanelProcess a = panel("mail-A", relay.port()).start()) {
            logs.add(a.log());
            a.awaitReady(STARTUP);
            seed(address);
            held1 = relay.awaitHeld(Duration.ofSeconds(120));
            a.kill();
            log("panel A killed with %s held before its end; %s", held1, states());
            assertThat(db.count("select count(*) from notification where mail_state = 'SENT'"))
                    .as("sent before the one held").isEqualTo(10);
            Map<String, Object> row = row(held1);
            assertThat(row.get("mail_state")).isEqualTo("PENDING");
            assertThat(row.get("handover_at")).as("A had begun the handover").isNotNull();
            assertThat(db.count("select count(*) from notification where handover_at is not null"))
                    .as("handovers A left open: only the one it was sending").isEqualTo(1);
        }

        try (SmtpRelay relay = SmtpRelay.toTestMailServer().hold(5, SmtpRelay.Hold.AFTER_ACCEPT);
                PanelProcess a2 = panel("mail-A2", relay.port()).start()) {
            logs.add(a2.log());
            a2.awaitReady(STARTUP);
            held2 = relay.awaitHeld(Duration.ofSeconds(120));
            a2.kill();
            log("panel A2 killed with %s taken by the server, its answer held; %s", held2, states());
            assertThat(row(held2).get("mail_state")).as("A2 never heard the server's answer").isEqualTo("PENDING");
        }
        assertThat(held2).isNotEqualTo(held1);

        long t0 = System.nanoTime();
        try (PanelProcess b = panel("mail-B", mailServerPort()).start()) {
            logs.add(b.log());
            b.awaitReady(STARTUP);
            await("panel B sends the rest").atMost(LEASE.plusSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> db.count("select count(*) from notification where mail_state = 'SENT'")
                            == NOTIFICATIONS);
            log("panel B finished %.1f s after A2 died; %s", (System.nanoTime() - t0) / 1e9, states());
        }

        List<Map<String, Object>> rows = db.rows("select id, interrupted_handovers from notification");
        Set<String> expected = rows.stream().map(r -> "<" + r.get("id") + "@notifications.innkeeper>")
                .collect(Collectors.toSet());
        Map<String, Long> copies = await("every notification at the mail server").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> copies(address),
                        c -> c.keySet().containsAll(expected));
        log("copies at the mail server: %d messages for %d notifications; more than one: %s",
                copies.values().stream().mapToLong(Long::longValue).sum(), NOTIFICATIONS,
                copies.entrySet().stream().filter(e -> e.getValue() > 1).toList());
        Map<String, Integer> failed = failedAttempts(logs);
        log("attempts the panels failed of their own accord: %s", failed);
        assertThat(copies.keySet()).as("Message-IDs at the mail server").isEqualTo(expected);
        assertThat(copies.get(held1)).as("the message held before its end")
                .isBetween(1L, 1L + failed(failed, held1));
        assertThat(copies.get(held2)).as("the message taken without the sender hearing so")
                .isBetween(2L, 2L + failed(failed, held2));
        copies.forEach((id, n) -> {
            if (!id.equals(held1) && !id.equals(held2)) {
                assertThat(n).as("copies of %s, whose attempts failed %d times", id, failed(failed, id))
                        .isBetween(1L, 1L + failed(failed, id));
            }
        });
        Map<String, Integer> interrupted = rows.stream().collect(Collectors.toMap(
                r -> "<" + r.get("id") + "@notifications.innkeeper>",
                r -> ((Number) r.get("interrupted_handovers")).intValue()));
        interrupted.forEach((id, n) -> {
            int cutOff = id.equals(held1) || id.equals(held2) ? 1 : 0;
            assertThat(n).as("interrupted handovers of %s: %d cut off, %d failed attempts logged", id, cutOff,
                    failed(failed, id)).isBetween(cutOff, cutOff + failed(failed, id));
        });
    }

    /** How often each notification (by Message-ID) failed an attempt, as the panels' logs say. */
    private static Map<String, Integer> failedAttempts(List<Path> logs) throws IOException {
        Map<String, Integer> failed = new HashMap<>();
        for (Path log : logs) {
            Matcher m = FAILED_ATTEMPT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (m.find()) {
                failed.merge("<" + m.group(1) + "@notifications.innkeeper>", 1, Integer::sum);
            }
        }
        return failed;
    }

    private static int failed(Map<String, Integer> failed, String messageId) {
        return failed.getOrDefault(messageId, 0);
    }

    private PanelProcess.Builder panel(String name, int smtpPort) {
        return PanelProcess.builder(name).database(db.jdbcUrl(), db.user(), db.password())
                .property("quarkus.mailer.port", String.valueOf(smtpPort))
                // The wait for the server stays inside the lease, as NotificationConfig.lease() asks.
                .property("quarkus.mailer.timeout", "10s")
                .property("innkeeper.notifications.lease", LEASE.toSeconds() + "s")
                .property("innkeeper.notifications.poll-interval", "200ms")
                .property("innkeeper.provisioning.reconcile.interval", "1h")
                .property("innkeeper.provisioning.metering.interval", "1h");
    }

    /** An account whose owner has {@code address}, and its notifications, all due now, in one transaction. */
    private void seed(String address) {
        UUID tenant = UUID.randomUUID();
        String owner = "killed-owner-" + tenant.toString().substring(0, 8);
        db.update("insert into tenant (id, name, kind, status, currency, time_zone, created_at) "
                + "values (?, 'Killed panels Ltd', 'CUSTOMER', 'ACTIVE', 'EUR', 'UTC', now())", tenant);
        db.update("insert into membership (id, tenant_id, login, role, created_at) values (?, ?, ?, 'OWNER', now())",
                UUID.randomUUID(), tenant, owner);
        db.update("insert into person (login, email, updated_at) values (?, ?, now())", owner, address);
        int made = db.update("""
                with event as (
                    insert into outbox_event (id, tenant_id, type, subject, data, created_at)
                    select gen_random_uuid(), ?, 'job.succeeded', s::text,
                           json_build_object('server', s::text, 'kind', 'CREATE')::text, clock_timestamp()
                    from (select gen_random_uuid() as s from generate_series(1, ?)) servers
                    returning id, created_at)
                insert into notification (id, event_id, tenant_id, about_tenant_id, login, topic, created_at,
                                          mail_state, run_after)
                select gen_random_uuid(), id, ?, ?, ?, 'server_ready', created_at, 'PENDING', created_at from event
                """, tenant, NOTIFICATIONS, tenant, tenant, owner);
        assertThat(made).isEqualTo(NOTIFICATIONS);
    }

    private Map<String, Object> row(String messageId) {
        UUID id = UUID.fromString(messageId.substring(1, messageId.indexOf('@')));
        return db.rows("select mail_state, attempts, handover_at, interrupted_handovers from notification "
                + "where id = ?", id).get(0);
    }

    private Map<String, Long> states() {
        return db.rows("select mail_state, count(*) as n from notification group by mail_state").stream()
                .collect(Collectors.toMap(r -> (String) r.get("mail_state"), r -> ((Number) r.get("n")).longValue(),
                        Long::sum, TreeMap::new));
    }

    /** How many copies of each Message-ID the address has received. */
    private static Map<String, Long> copies(String address) {
        return Mailbox.messages(address).stream().collect(Collectors.groupingBy(m -> m.header("Message-ID"),
                TreeMap::new, Collectors.counting()));
    }

    private static int mailServerPort() {
        return Integer.parseInt(System.getenv().getOrDefault("INNKEEPER_SMTP_PORT", "3025"));
    }

    private static void log(String format, Object... args) {
        System.out.printf("[NotificationsKilledPanelIT] " + format + "%n", args);
    }
}
