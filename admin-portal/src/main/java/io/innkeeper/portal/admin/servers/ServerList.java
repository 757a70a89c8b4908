package io.innkeeper.portal.admin.servers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The all-servers list across tenants. Pages are keyset ranges of {@code (created_at, id)} newest first, read from
 * the index of live servers (see V40), so page 500 costs what page 1 does.
 */
@ApplicationScoped
public class ServerList {

    /** Counts above this show as "more than". */
    public static final int COUNT_CAP = 10_000;

    /** One page, the position of the next if there is one, and how many match (at most one past the cap). */
    public record Page(List<ServerRow> rows, ServerFilter.Cursor next, long total) {

        public boolean totalCapped() {
            return total > COUNT_CAP;
        }
    }

    @Inject
    EntityManager em;

    public Page page(ServerFilter filter, int size) {
        StringBuilder where = new StringBuilder("s.deleted_at is null");
        if (filter.node() != null) {
            where.append(" and g.node_id = :node");
        }
        if (filter.tenant() != null) {
            where.append(" and s.tenant_id = :tenant");
        }
        if (filter.state() != null) {
            where.append(" and g.status = :state");
        }
        if (filter.plan() != null) {
            where.append(" and p.code = :plan");
        }
        String range = filter.after() == null ? "" : " and (s.created_at, s.id) < (:afterAt, :afterId)";
        Query rows = em.createNativeQuery("select s.id, s.hostname, s.tenant_id, t.name, g.node_id, n.name, g.status,"
                + " p.code, p.name, p.version, s.created_at"
                + " from server s join guest g on g.id = s.id join plan p on p.id = s.plan_id"
                + " join tenant t on t.id = s.tenant_id join node n on n.id = g.node_id where " + where + range
                + " order by s.created_at desc, s.id desc limit :limit");
        bind(rows, filter);
        if (filter.after() != null) {
            rows.setParameter("afterAt", filter.after().createdAt()).setParameter("afterId", filter.after().id());
        }
        rows.setParameter("limit", size + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> found = rows.getResultList();
        List<ServerRow> page = new ArrayList<>();
        for (Object[] r : found.subList(0, Math.min(size, found.size()))) {
            page.add(new ServerRow((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], (UUID) r[4],
                    (String) r[5], GuestStatus.valueOf((String) r[6]), (String) r[7], (String) r[8],
                    ((Number) r[9]).intValue(), (Instant) r[10]));
        }
        // Counting stops at COUNT_CAP, and joins only what the filter needs, so an unfiltered list stays cheap.
        String counted = "select 1 from server s"
                + (filter.node() != null || filter.state() != null ? " join guest g on g.id = s.id" : "")
                + (filter.plan() != null ? " join plan p on p.id = s.plan_id" : "") + " where " + where;
        Query count = em.createNativeQuery("select count(*) from (" + counted + " limit " + (COUNT_CAP + 1) + ") c");
        bind(count, filter);
        long total = ((Number) count.getSingleResult()).longValue();
        ServerFilter.Cursor next = found.size() > size ? page.get(page.size() - 1).cursor() : null;
        return new Page(page, next, total);
    }

    private static void bind(Query query, ServerFilter filter) {
        if (filter.node() != null) {
            query.setParameter("node", filter.node());
        }
        if (filter.tenant() != null) {
            query.setParameter("tenant", filter.tenant());
        }
        if (filter.state() != null) {
            query.setParameter("state", filter.state().name());
        }
        if (filter.plan() != null) {
            query.setParameter("plan", filter.plan());
        }
    }
}
