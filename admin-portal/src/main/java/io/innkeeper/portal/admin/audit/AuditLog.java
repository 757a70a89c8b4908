package io.innkeeper.portal.admin.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import io.innkeeper.web.IpText;
import io.innkeeper.web.LongText;

/** Reads the audit log newest first, a keyset page at a time. */
@ApplicationScoped
public class AuditLog {

    /**
     * One entry as the page shows it: the source address in its canonical text, and the free-text values clipped
     * to what a table cell shows ({@link LongText#CELL}), each with its whole length.
     */
    public record Entry(UUID id, Instant at, String actor, String sourceIp, String requestId, String action,
            String targetType, String targetId, UUID tenantId, String tenant, String outcome, LongText detail,
            LongText before, LongText after) {

        static Entry of(Tuple row) {
            return new Entry(row.get("id", UUID.class), row.get("at", Instant.class), row.get("actor", String.class),
                    IpText.canonical(row.get("source_ip", String.class)), row.get("request_id", String.class),
                    row.get("action", String.class), row.get("target_type", String.class),
                    row.get("target_id", String.class), row.get("tenant_id", UUID.class),
                    row.get("tenant", String.class), row.get("outcome", String.class),
                    LongText.of(row.get("detail", String.class), LongText.CELL),
                    LongText.of(row.get("before_state", String.class), LongText.CELL),
                    LongText.of(row.get("after_state", String.class), LongText.CELL));
        }

        /** Whether the action was refused, which the page marks. */
        public boolean refused() {
            return "REFUSED".equals(outcome);
        }

        public AuditSearch.Cursor cursor() {
            return new AuditSearch.Cursor(at, id);
        }
    }

    /** One page and where the next starts, if there is one. */
    public record Page(List<Entry> entries, AuditSearch.Cursor next) {
    }

    @Inject
    EntityManager em;

    public Page search(AuditSearch search, int size) {
        StringBuilder where = new StringBuilder("true");
        if (search.actor() != null) {
            where.append(" and e.actor = :actor");
        }
        if (search.action() != null) {
            where.append(search.action().endsWith(".") ? " and e.action like :action" : " and e.action = :action");
        }
        if (search.tenant() != null) {
            where.append(" and e.tenant_id = :tenant");
        }
        if (search.from() != null) {
            where.append(" and e.at >= :from");
        }
        if (search.to() != null) {
            where.append(" and e.at < :to");
        }
        if (search.after() != null) {
            where.append(" and (e.at, e.id) < (:afterAt, :afterId)");
        }
        Query q = em.createNativeQuery("""
                select e.id, e.at, e.actor, e.source_ip, e.request_id, e.action, e.target_type, e.target_id,
                       e.tenant_id, t.name as tenant, e.outcome, e.detail,
                       cast(e.before_state as text) as before_state, cast(e.after_state as text) as after_state
                from audit_event e left join tenant t on t.id = e.tenant_id
                where\s""" + where + " order by e.at desc, e.id desc limit :limit", Tuple.class);
        if (search.actor() != null) {
            q.setParameter("actor", search.actor());
        }
        if (search.action() != null) {
            q.setParameter("action", search.action().endsWith(".") ? search.action() + "%" : search.action());
        }
        if (search.tenant() != null) {
            q.setParameter("tenant", search.tenant());
        }
        if (search.from() != null) {
            q.setParameter("from", search.from());
        }
        if (search.to() != null) {
            q.setParameter("to", search.to());
        }
        if (search.after() != null) {
            q.setParameter("afterAt", search.after().at()).setParameter("afterId", search.after().id());
        }
        q.setParameter("limit", size + 1);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = q.getResultList();
        List<Entry> entries = new ArrayList<>();
        for (Tuple row : rows.subList(0, Math.min(size, rows.size()))) {
            entries.add(Entry.of(row));
        }
        return new Page(entries, rows.size() > size ? entries.get(entries.size() - 1).cursor() : null);
    }
}
