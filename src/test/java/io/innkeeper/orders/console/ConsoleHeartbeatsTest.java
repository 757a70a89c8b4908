package io.innkeeper.orders.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.LiveConsoleGuest;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Sessions of a replica that died: their rows say "open" until a sweep, on any replica, sees no sign of life from
 * them for {@code innkeeper.console.stale-after} (1 min) and closes each once, at its last sign of life. The rows
 * here stand for sessions held by other replicas: one that died 5 minutes ago, one that died before its first
 * heartbeat, and one still alive. This process's own scheduled sweep may run at any moment too, as another
 * replica's would, so the test asserts on what the rows and the audit say afterwards, not on who closed what.
 */
@QuarkusTest
class ConsoleHeartbeatsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ConsoleHeartbeats heartbeats;

    @Inject
    ConsoleSessions sessions;

    @Inject
    EntityManager em;

    @Inject
    LiveConsoleGuest guest;

    UUID server;
    UUID tenant;

    @BeforeEach
    void server() {
        Fixtures.Catalog catalog = fixtures.catalog();
        tenant = fixtures.customer("beat-" + UUID.randomUUID().toString().substring(0, 8));
        server = servers.order(tenant, catalog, Fixtures.hostname("beat"));
    }

    /*
     * Timeline (database clock, t = now):
     *   t-10m  sessions dead, unborn and alive open
     *   t-5m   dead's replica beats for the last time, then is killed
     *   t-10m  unborn's replica dies before its first beat (no beat row)
     *   t      alive's replica beats; the sweeps run
     * dead ends at t-5m (lasted 300 s), unborn at t-10m (0 s), alive stays open.
     */
    @Test
    void sessionsOfADeadReplicaEndAtTheirLastSignOfLife() throws Exception {
        UUID dead = session("dana", "10 minutes", "5 minutes");
        UUID unborn = session("uma", "10 minutes", null);
        UUID alive = session("alex", "10 minutes", "0 minutes");
        Instant deadBeat = beatOf(dead);
        Instant unbornOpened = row(unborn).openedAt;

        heartbeats.endStale();

        ConsoleSession d = row(dead);
        assertThat(d.closedAt).isEqualTo(deadBeat);
        assertThat(d.closeReason).isEqualTo(ConsoleHeartbeats.STOPPED);
        ConsoleSession u = row(unborn);
        assertThat(u.closedAt).isEqualTo(unbornOpened);
        assertThat(row(alive).closedAt).isNull();

        assertThat(sessions.openOn(server)).extracting(ConsoleSessions.OpenSession::id).containsExactly(alive);
        assertThat(closeAudits(dead)).singleElement().satisfies(e -> {
            assertThat(e.detail).isEqualTo(ConsoleHeartbeats.STOPPED);
            assertThat(e.afterState).contains("\"seconds\": 300");
            assertThat(e.actor).isEqualTo("dana");
        });
        assertThat(closeAudits(unborn)).singleElement()
                .satisfies(e -> assertThat(e.afterState).contains("\"seconds\": 0"));
        assertThat(closeAudits(alive)).isEmpty();
        assertThat(beatRows(dead)).isZero();
        assertThat(beatRows(alive)).isOne();
    }

    /** Eight sweeps at once, as eight replicas ticking together, over 30 dead sessions: each closes exactly once. */
    @Test
    void sweepsRunningAtOnceCloseEachSessionOnce() throws Exception {
        List<UUID> dead = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            dead.add(session("dora", "3 minutes", "2 minutes"));
        }
        List<Future<List<ConsoleHeartbeats.Ended>>> sweeps = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            Callable<List<ConsoleHeartbeats.Ended>> sweep = heartbeats::endStale;
            for (int i = 0; i < 8; i++) {
                sweeps.add(threads.submit(sweep));
            }
        }
        List<UUID> closedHere = new ArrayList<>();
        for (Future<List<ConsoleHeartbeats.Ended>> f : sweeps) {
            f.get().stream().map(ConsoleHeartbeats.Ended::id).filter(dead::contains).forEach(closedHere::add);
        }
        assertThat(closedHere).doesNotHaveDuplicates();
        for (UUID id : dead) {
            assertThat(row(id).closedAt).as("session %s closed", id).isNotNull();
            assertThat(closeAudits(id)).as("close audits of session %s", id).hasSize(1);
        }
    }

    /**
     * The other side: a replica too slow to show its session alive finds, at its next sweep, that another replica
     * closed it as stale, and ends it there too, telling its client, without rewriting when it ended. On a real
     * QEMU guest (the test driver has no consoles); skipped where bin/test has not started libvirtd.
     */
    @Test
    void aHolderEndsTheSessionAnotherReplicaClosedAsStale() throws Exception {
        assumeTrue(LiveConsoleGuest.available(), "needs bin/test's libvirtd and guest image (INNKEEPER_REAL_GUESTS=1)");
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        guest.boot(server);
        try {
            CompletableFuture<String> ended = new CompletableFuture<>();
            ConsoleSessions.Client client = new ConsoleSessions.Client() {
                @Override
                public void output(byte[] bytes) {
                }

                @Override
                public void ended(String reason) {
                    ended.complete(reason);
                }
            };
            UUID id = sessions.open(new ConsoleTickets.Grant(server, tenant, "hal", false),
                    new Actor("hal", tenant, "127.0.0.1", null), client);
            assertThat(beatRows(id)).isOne();
            // Another replica's sweep judged it dead: the row closed a minute ago, its beat gone.
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("update console_session set closed_at = now() - interval '1 minute', "
                        + "close_reason = :reason where id = :id").setParameter("reason", ConsoleHeartbeats.STOPPED)
                        .setParameter("id", id).executeUpdate();
                em.createNativeQuery("delete from console_session_beat where session_id = :id")
                        .setParameter("id", id).executeUpdate();
            });
            Instant closedAt = row(id).closedAt;

            assertThat(ended).succeedsWithin(Duration.ofSeconds(30)).asString().contains("too slow");
            assertThat(row(id).closedAt).isEqualTo(closedAt);
            assertThat(row(id).closeReason).isEqualTo(ConsoleHeartbeats.STOPPED);
        } finally {
            guest.stop(server);
        }
    }

    /** A session row as another replica would have written it, with its last beat {@code beatAgo} ago (or none). */
    private UUID session(String login, String openedAgo, String beatAgo) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into console_session (id, server_id, tenant_id, login, admin, opened_at) "
                    + "values (:id, :server, :tenant, :login, false, date_trunc('second', now() - cast(:ago as "
                    + "interval)))").setParameter("id", id).setParameter("server", server)
                    .setParameter("tenant", tenant).setParameter("login", login).setParameter("ago", openedAgo)
                    .executeUpdate();
            if (beatAgo != null) {
                em.createNativeQuery("insert into console_session_beat (session_id, beat_at) "
                        + "select id, opened_at + (cast(:opened as interval) - cast(:ago as interval)) "
                        + "from console_session where id = :id").setParameter("id", id)
                        .setParameter("opened", openedAgo).setParameter("ago", beatAgo).executeUpdate();
            }
        });
        return id;
    }

    private ConsoleSession row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ConsoleSession s = ConsoleSession.findById(id);
            em.detach(s);
            return s;
        });
    }

    private Instant beatOf(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((OffsetDateTime) em.createNativeQuery(
                "select beat_at from console_session_beat where session_id = :id", OffsetDateTime.class)
                .setParameter("id", id).getSingleResult()).toInstant().truncatedTo(ChronoUnit.MICROS));
    }

    private long beatRows(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from console_session_beat where session_id = :id").setParameter("id", id)
                .getSingleResult()).longValue());
    }

    private List<AuditEvent> closeAudits(UUID session) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.<AuditEvent>list(
                "action = 'console.close' and targetId = ?1", server.toString()).stream()
                .filter(e -> e.afterState != null && e.afterState.contains(session.toString())).toList());
    }
}
