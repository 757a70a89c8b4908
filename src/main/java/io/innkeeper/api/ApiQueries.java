package io.innkeeper.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import io.innkeeper.account.ExternalRefs;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.tenancy.Scope;

/** The API's reads, always within the caller's {@link Scope}. */
@ApplicationScoped
public class ApiQueries {

    @Inject
    EntityManager em;

    @Inject
    ServerQueries servers;

    @Inject
    ExternalRefs refs;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    io.innkeeper.orders.ServerSettings settings;

    /** What a server list may be narrowed to; null fields do not narrow it. */
    public record ServerFilter(String status, String region, String hostname, String externalRef, UUID account) {
    }

    /**
     * A page of servers in one SQL statement over JDBC, without a transaction or entities: the busiest read of the
     * API. The scope is the caller's tenant and, for a reseller, its customers (as {@link Scope} has it), found by
     * the same statement; its text depends only on the filters used, so the driver keeps it prepared on the server.
     */
    public ApiViews.Page<ApiViews.ServerView> servers(UUID scopeTenant, ServerFilter filter, String cursor,
            int limit) {
        Cursors after = Cursors.decode(cursor);
        StringBuilder sql = new StringBuilder("select s.id, s.hostname, g.status, s.tenant_id, r.id, r.code, p.id, "
                + "p.code, o.id, o.code, g.vcpus, g.memory_mib, g.disk_gib, s.created_at, e.ref from server s "
                + "join guest g on g.id = s.id join plan p on p.id = s.plan_id join os_template o on o.id = "
                + "s.template_id join region r on r.id = s.region_id join tenant t on t.id = s.tenant_id "
                + "left join external_ref e on e.object_id = s.id "
                + "where (s.tenant_id = ? or (t.parent_id = ? and exists (select 1 from tenant own where own.id = ? "
                + "and own.kind = 'RESELLER'))) and s.deleted_at is null");
        List<Object> parameters = new ArrayList<>(List.of(scopeTenant, scopeTenant, scopeTenant));
        if (filter.status() != null) {
            GuestStatus status;
            try {
                status = GuestStatus.valueOf(filter.status().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInput.of("status", "One of " + java.util.Arrays.toString(GuestStatus.values()) + ".");
            }
            sql.append(" and g.status = ?");
            parameters.add(status.name());
        }
        if (filter.region() != null) {
            sql.append(" and r.code = ?");
            parameters.add(filter.region().strip());
        }
        if (filter.hostname() != null) {
            sql.append(" and s.hostname like ? escape '\\'");
            parameters.add("%" + filter.hostname().strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.externalRef() != null) {
            sql.append(" and e.ref = ? and e.kind = 'server'");
            parameters.add(filter.externalRef());
        }
        if (filter.account() != null) {
            sql.append(" and s.tenant_id = ?");
            parameters.add(filter.account());
        }
        if (after != null) {
            sql.append(" and (s.created_at < ? or (s.created_at = ? and s.id > ?))");
            java.time.OffsetDateTime at = after.at().atOffset(java.time.ZoneOffset.UTC);
            parameters.add(at);
            parameters.add(at);
            parameters.add(after.id());
        }
        sql.append(" order by s.created_at desc, s.id limit ?");
        parameters.add(limit + 1);
        List<ApiViews.ServerView> found = new ArrayList<>(limit + 1);
        java.time.Instant lastAt = null;
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                statement.setObject(i + 1, value);
            }
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                while (found.size() < limit && rows.next()) {
                    lastAt = rows.getObject(14, java.time.OffsetDateTime.class).toInstant();
                    found.add(new ApiViews.ServerView(rows.getObject(1, UUID.class), rows.getString(2),
                            rows.getString(3), rows.getObject(4, UUID.class),
                            new ApiViews.Ref(rows.getObject(5, UUID.class), rows.getString(6)),
                            new ApiViews.Ref(rows.getObject(7, UUID.class), rows.getString(8)),
                            new ApiViews.Ref(rows.getObject(9, UUID.class), rows.getString(10)), rows.getInt(11),
                            rows.getInt(12), rows.getInt(13), rows.getString(15), null, lastAt));
                }
                boolean more = found.size() == limit && rows.next();
                String next = more ? Cursors.encode(lastAt, found.get(limit - 1).id()) : null;
                return new ApiViews.Page<>(found, next);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("listing servers failed", e);
        }
    }

    @Transactional
    public ApiViews.ServerView server(Scope scope, UUID id) {
        Server server = servers.get(scope, id);
        return ApiViews.ServerView.of(server, refs.of(List.of(id)).get(id),
                servers.addresses(server).stream().map(Address::address).toList());
    }

    /** The server's addresses with their reverse DNS names, IPv4 first. */
    @Transactional
    public List<ApiViews.AddressView> addresses(Scope scope, UUID id) {
        Server server = servers.get(scope, id);
        Map<String, String> ptrs = settings.reverseDns(server);
        return servers.addresses(server).stream().map(a -> ApiViews.AddressView.of(a, ptrs.get(a.address())))
                .toList();
    }

    /** What a server used in a window, summed from its meter samples. */
    public record UsageView(UUID server, java.time.Instant from, java.time.Instant to, long samples,
            long cpuSeconds, long netRxBytes, long netTxBytes, long diskReadBytes, long diskWriteBytes) {
    }

    @Transactional
    public UsageView usage(Scope scope, UUID id, java.time.Instant from, java.time.Instant to) {
        Server server = servers.get(scope, id);
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*), coalesce(sum(cpu_ns_delta), 0) / 1000000000, coalesce(sum(net_rx_delta), 0),
                       coalesce(sum(net_tx_delta), 0), coalesce(sum(block_read_delta), 0),
                       coalesce(sum(block_write_delta), 0)
                from meter_sample where guest_id = :g and taken_at >= :from and taken_at < :to
                """).setParameter("g", server.id).setParameter("from", from).setParameter("to", to)
                .getSingleResult();
        return new UsageView(server.id, from, to, n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }

    @Transactional
    public List<ApiViews.SnapshotView> snapshots(Scope scope, UUID id) {
        Server server = servers.get(scope, id);
        return servers.snapshots(server).stream()
                .map(s -> new ApiViews.SnapshotView(s.name, s.state.name(), s.createdAt)).toList();
    }

    /** The newest job of a server in scope: the one an action just queued. */
    @Transactional
    public ApiViews.JobView latestJob(UUID serverId) {
        return Job.recentForGuest(serverId, 1).stream().findFirst().map(ApiViews.JobView::of)
                .orElseThrow(() -> new NotFound("job"));
    }

    @Transactional
    public ApiViews.Page<ApiViews.JobView> jobs(Scope scope, UUID serverId, String cursor, int limit) {
        Cursors after = Cursors.decode(cursor);
        StringBuilder jpql = new StringBuilder("select j from Job j, Guest g where g.id = j.guestId "
                + "and g.ownerRef in :tenants");
        if (serverId != null) {
            jpql.append(" and j.guestId = :server");
        }
        if (after != null) {
            jpql.append(" and (j.createdAt < :at or (j.createdAt = :at and j.id > :id))");
        }
        jpql.append(" order by j.createdAt desc, j.id");
        TypedQuery<Job> query = em.createQuery(jpql.toString(), Job.class)
                .setParameter("tenants", scope.tenantIds()).setMaxResults(limit + 1);
        if (serverId != null) {
            query.setParameter("server", serverId);
        }
        if (after != null) {
            query.setParameter("at", after.at()).setParameter("id", after.id());
        }
        List<Job> found = new ArrayList<>(query.getResultList());
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = Cursors.encode(found.get(limit - 1).createdAt, found.get(limit - 1).id);
        }
        return new ApiViews.Page<>(found.stream().map(ApiViews.JobView::of).toList(), next);
    }

    @Transactional
    public ApiViews.JobView job(Scope scope, UUID id) {
        return em.createQuery("select j from Job j, Guest g where j.id = :id and g.id = j.guestId "
                + "and g.ownerRef in :tenants", Job.class)
                .setParameter("id", id).setParameter("tenants", scope.tenantIds())
                .getResultStream().findFirst().map(ApiViews.JobView::of).orElseThrow(() -> new NotFound("job"));
    }
}
