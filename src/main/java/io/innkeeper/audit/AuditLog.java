package io.innkeeper.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.tenancy.Tenants;

/** The audit log's query use case: entries newest first, a keyset page at a time, each with its tenant's name. */
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

    @Inject
    Tenants tenants;

    @Transactional
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
                       e.tenant_id, e.outcome, e.detail, cast(e.before_state as text) as before_state,
                       cast(e.after_state as text) as after_state
                from audit_event e
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
        List<Tuple> shown = rows.subList(0, Math.min(size, rows.size()));
        Map<UUID, String> names = tenants.names(shown.stream().map(r -> r.get("tenant_id", UUID.class))
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<Entry> entries = new ArrayList<>();
        for (Tuple r : shown) {
            UUID tenant = r.get("tenant_id", UUID.class);
            entries.add(new Entry(r.get("id", UUID.class), instant(r.get("at")), r.get("actor", String.class),
                    r.get("source_ip", String.class), r.get("request_id", String.class), r.get("action", String.class),
                    r.get("target_type", String.class), r.get("target_id", String.class), tenant,
                    tenant == null ? null : names.get(tenant), r.get("outcome", String.class),
                    r.get("detail", String.class), r.get("before_state", String.class),
                    r.get("after_state", String.class)));
        }
        return new Page(entries, rows.size() > size ? entries.get(entries.size() - 1).cursor() : null);
    }

    /** Whether {@code actor} has any earlier entry of {@code action}, and whether one came from {@code sourceIp}. */
    public record Seen(boolean any, boolean fromAddress) {
    }

    /** What the log holds of {@code actor}'s {@code action} so far (a login's sign-ins and their addresses). */
    @Transactional
    public Seen seen(String actor, String action, String sourceIp) {
        Tuple row = (Tuple) em.createNativeQuery("""
                select count(*) > 0 as any, coalesce(bool_or(source_ip = :ip), false) as from_address
                from audit_event where actor = :actor and action = :action
                """, Tuple.class).setParameter("actor", actor).setParameter("action", action)
                .setParameter("ip", sourceIp == null ? "" : sourceIp).getSingleResult();
        return new Seen(row.get("any", Boolean.class), row.get("from_address", Boolean.class));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    /**
     * The latest {@code size} entries about these tenants, newest first: an account's recent activity. The tenant's
     * name is left out ({@code tenant} null); the account's own pages know it.
     */
    @Transactional
    public List<Entry> recent(java.util.Set<UUID> tenantIds, int size) {
        return AuditEvent.<AuditEvent>find("tenantId in ?1 order by at desc", tenantIds).page(0, size).list().stream()
                .map(e -> new Entry(e.id, e.at, e.actor, e.sourceIp, e.requestId, e.action, e.targetType, e.targetId,
                        e.tenantId, null, e.outcome, e.detail, e.beforeState, e.afterState))
                .toList();
    }
}
