package io.innkeeper.portal.admin.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/** Reads the audit log newest first, a keyset page at a time. */
@ApplicationScoped
public class AuditLog {

    /** One entry as the page shows it. */
    public record Entry(UUID id, Instant at, String actor, String sourceIp, String requestId, String action,
            String targetType, String targetId, UUID tenantId, String tenant, String outcome, String detail,
            String before, String after) {

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
                       e.tenant_id, t.name, e.outcome, e.detail, cast(e.before_state as text), cast(e.after_state as text)
                from audit_event e left join tenant t on t.id = e.tenant_id
                where\s""" + where + " order by e.at desc, e.id desc limit :limit");
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
        List<Object[]> rows = q.getResultList();
        List<Entry> entries = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
            entries.add(new Entry((UUID) r[0], (Instant) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], (UUID) r[8], (String) r[9], (String) r[10],
                    (String) r[11], (String) r[12], (String) r[13]));
        }
        return new Page(entries, rows.size() > size ? entries.get(entries.size() - 1).cursor() : null);
    }
}
