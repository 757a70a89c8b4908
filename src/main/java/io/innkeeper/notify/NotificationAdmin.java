package io.innkeeper.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/**
 * The provider's view of notification mail: every notification by state and account, newest first, with the last
 * error of one that failed, and a resend that makes a notification due again from its first attempt. Audited.
 */
@ApplicationScoped
public class NotificationAdmin {

    /** The most rows one page shows. */
    public static final int PAGE_SIZE = 50;

    /** Where a notification's mail is. */
    public enum State {
        PENDING,
        SENT,
        FAILED,
        SKIPPED
    }

    /** What the list is narrowed to; nulls mean any. */
    public record Filter(State state, UUID tenantId) {

        /** The filter a form asked for; InvalidInput naming the field for a state or account that cannot be. */
        public static Filter parse(String state, String tenant) {
            FieldErrors errors = new FieldErrors();
            State s = null;
            UUID t = null;
            if (state != null && !state.isBlank()) {
                try {
                    s = State.valueOf(state.strip());
                } catch (IllegalArgumentException e) {
                    errors.add("state", "Choose one of the states.");
                }
            }
            if (tenant != null && !tenant.isBlank()) {
                try {
                    t = UUID.fromString(tenant.strip());
                } catch (IllegalArgumentException e) {
                    errors.add("tenant", "An account id looks like 0b6e4c3a-....");
                }
            }
            errors.throwIfAny();
            return new Filter(s, t);
        }
    }

    /** One notification as an admin sees it. */
    public record Row(UUID id, UUID tenantId, String tenant, String login, Topic topic, State state, int attempts,
            String lastError, Instant createdAt, Instant sentAt) {

        /** A mail that failed for good can be sent again. */
        public boolean canResend() {
            return state == State.FAILED;
        }
    }

    /** A page of rows (numbered from 1), whether more follow, and how many notifications are in each state. */
    public record Page(List<Row> rows, int number, boolean hasNext, Map<State, Long> counts) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Transactional
    public Page list(Filter filter, int number) {
        int page = Math.max(1, Math.min(number, 10_000));
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select n.id, n.tenant_id, t.name, n.login, n.topic, n.mail_state, n.attempts, n.last_error,
                       n.created_at, n.sent_at
                from notification n join tenancy_tenant t on t.id = n.tenant_id
                where (cast(:state as text) is null or n.mail_state = cast(:state as text))
                  and (cast(:tenant as uuid) is null or n.tenant_id = cast(:tenant as uuid))
                order by n.seq desc limit :size offset :skip
                """, Tuple.class).setParameter("state", filter.state() == null ? null : filter.state().name())
                .setParameter("tenant", filter.tenantId() == null ? null : filter.tenantId().toString())
                .setParameter("size", PAGE_SIZE + 1).setParameter("skip", (page - 1) * PAGE_SIZE).getResultList();
        List<Row> out = rows.stream().limit(PAGE_SIZE).map(r -> new Row(r.get(0, UUID.class), r.get(1, UUID.class),
                r.get(2, String.class), r.get(3, String.class), Topic.ofKey(r.get(4, String.class)).orElse(null),
                State.valueOf(r.get(5, String.class)), ((Number) r.get(6)).intValue(), r.get(7, String.class),
                r.get(8, Instant.class), r.get(9, Instant.class))).filter(r -> r.topic() != null).toList();
        return new Page(out, page, rows.size() > PAGE_SIZE, counts(filter.tenantId()));
    }

    /** The mails still to send, for the operator's metrics, and when the longest-waiting one fell due (or null). */
    public record Backlog(long pending, Instant oldestDue) {
    }

    @Transactional
    public Backlog backlog() {
        Tuple r = (Tuple) em.createNativeQuery("select count(*), min(run_after) from notification "
                + "where mail_state = 'PENDING'", Tuple.class).getSingleResult();
        return new Backlog(((Number) r.get(0)).longValue(), instant(r.get(1)));
    }

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    /** Makes a notification's mail due now, from its first attempt; NotFound for an id that names none. */
    @Transactional
    public void resend(Actor actor, UUID id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select tenant_id, mail_state, attempts, last_error from notification "
                + "where id = :id for update", Tuple.class).setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw new NotFound("notification " + id);
        }
        Tuple before = rows.get(0);
        em.createNativeQuery("update notification set mail_state = 'PENDING', attempts = 0, run_after = :now, "
                + "last_error = null where id = :id").setParameter("now", clock.instant()).setParameter("id", id)
                .executeUpdate();
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("state", before.get(1, String.class));
        was.put("attempts", before.get(2));
        was.put("lastError", before.get(3, String.class));
        audit.changed(actor, new Audit.Entry("notification.resend", "notification", id, before.get(0, UUID.class),
                null, was, Map.of("state", "PENDING", "attempts", 0)));
    }

    private Map<State, Long> counts(UUID tenant) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select mail_state, count(*) from notification
                where cast(:tenant as uuid) is null or tenant_id = cast(:tenant as uuid) group by mail_state
                """, Tuple.class).setParameter("tenant", tenant == null ? null : tenant.toString()).getResultList();
        Map<State, Long> out = new LinkedHashMap<>();
        for (State s : State.values()) {
            out.put(s, 0L);
        }
        rows.forEach(r -> out.put(State.valueOf(r.get(0, String.class)), ((Number) r.get(1)).longValue()));
        return out;
    }
}
