package io.innkeeper.orders.console;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;

/**
 * Signs of life of open console sessions, in {@code console_session_beat}: the replica holding a session refreshes
 * its row every sweep and drops it when the session ends. A session whose last sign of life (its row, else its
 * opening) is older than {@link ConsoleConfig#staleAfter()} belonged to a replica that died; {@link #endStale()},
 * run by every replica, closes it once: at its last sign of life, with {@code console.close} audited. Of several
 * replicas sweeping at once each session goes to one ({@code for update skip locked}, and the update re-reads
 * {@code closed_at}). Times are the database's, so replicas with skewed clocks agree.
 */
@ApplicationScoped
public class ConsoleHeartbeats {

    static final String STOPPED = "The panel replica holding this console stopped; the session ended at its last "
            + "sign of life.";

    // The rule "stale" is defined here only: last sign of life older than the limit, by the database's clock.
    private static final String END_STALE = """
            with stale as (
                select s.id, coalesce(b.beat_at, s.opened_at) as last_seen
                from console_session s left join console_session_beat b on b.session_id = s.id
                where s.closed_at is null
                  and coalesce(b.beat_at, s.opened_at) < now() - make_interval(secs => :stale)
                for update of s skip locked
            )
            update console_session s set closed_at = stale.last_seen, close_reason = :reason
            from stale where s.id = stale.id and s.closed_at is null
            returning s.id, s.server_id, s.tenant_id, s.login, s.admin, s.opened_at, s.closed_at
            """;

    @Inject
    EntityManager em;

    @Inject
    ConsoleConfig config;

    @Inject
    Audit audit;

    /** A session another replica held, closed by this one's sweep. */
    public record Ended(UUID id, UUID serverId, String login, Instant openedAt, Instant closedAt) {
    }

    /** The session's first sign of life, in the transaction that records it. */
    @Transactional(TxType.MANDATORY)
    void started(UUID sessionId) {
        em.createNativeQuery("insert into console_session_beat (session_id, beat_at) values (:id, now())")
                .setParameter("id", sessionId).executeUpdate();
    }

    /** The session ended here: no more signs of life to keep, in the transaction that closes it. */
    @Transactional(TxType.MANDATORY)
    void stopped(UUID sessionId) {
        em.createNativeQuery("delete from console_session_beat where session_id = :id")
                .setParameter("id", sessionId).executeUpdate();
    }

    /**
     * Refreshes the signs of life of the sessions this replica holds and returns those still on record; one that is
     * not was closed by another replica as stale (this one stalled too long), and its holder ends it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    Set<UUID> beat(Collection<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        List<?> rows = em.createNativeQuery(
                "update console_session_beat set beat_at = now() where session_id in (:ids) returning session_id")
                .setParameter("ids", List.copyOf(sessionIds)).getResultList();
        return rows.stream().map(r -> (UUID) r).collect(Collectors.toSet());
    }

    /** Closes the sessions no replica shows signs of life for, each once across replicas, and audits each. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Ended> endStale() {
        Duration limit = config.staleAfter();
        List<?> rows = em.createNativeQuery(END_STALE)
                .setParameter("stale", limit.toMillis() / 1000.0)
                .setParameter("reason", STOPPED)
                .getResultList();
        List<Ended> ended = rows.stream().map(r -> {
            Object[] row = (Object[]) r;
            UUID id = (UUID) row[0];
            UUID serverId = (UUID) row[1];
            UUID tenantId = (UUID) row[2];
            String login = (String) row[3];
            boolean admin = (Boolean) row[4];
            Instant openedAt = instant(row[5]);
            Instant closedAt = instant(row[6]);
            Actor actor = new Actor(login, admin ? null : tenantId, null, null);
            audit.changed(actor, new Audit.Entry("console.close", "server", serverId, tenantId, STOPPED, null,
                    Map.of("session", id, "seconds", Duration.between(openedAt, closedAt).toSeconds())));
            return new Ended(id, serverId, login, openedAt, closedAt);
        }).toList();
        // Rows of sessions that are no longer open: those just closed, and any left by a deleted server.
        em.createNativeQuery("delete from console_session_beat b where not exists (select 1 from console_session s "
                + "where s.id = b.session_id and s.closed_at is null)").executeUpdate();
        return ended;
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case java.sql.Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a time: " + value);
        };
    }
}
