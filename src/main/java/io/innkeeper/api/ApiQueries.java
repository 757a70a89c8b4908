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
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
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
    io.innkeeper.orders.ServerSettings settings;

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
