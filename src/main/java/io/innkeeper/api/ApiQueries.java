package io.innkeeper.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.ServerInfo;
import io.innkeeper.provisioning.job.JobHistory;
import io.innkeeper.provisioning.metering.UsageTotals;
import io.innkeeper.tenancy.Scope;

/** The API's reads, always within the caller's {@link Scope}: each one use case, its answer shaped as JSON. */
@ApplicationScoped
public class ApiQueries {

    @Inject
    ServerInfo servers;

    @Inject
    JobHistory jobs;

    public ApiViews.ServerView server(Scope scope, UUID id) {
        return ApiViews.ServerView.of(servers.get(scope, id));
    }

    /** The server's addresses with their reverse DNS names, IPv4 first. */
    public List<ApiViews.AddressView> addresses(Scope scope, UUID id) {
        return servers.addresses(scope, id).stream().map(a -> ApiViews.AddressView.of(a.address(), a.ptr()))
                .toList();
    }

    /** What a server used in a window, summed from its meter samples. */
    public record UsageView(UUID server, Instant from, Instant to, long samples, long cpuSeconds, long netRxBytes,
            long netTxBytes, long diskReadBytes, long diskWriteBytes) {
    }

    public UsageView usage(Scope scope, UUID id, Instant from, Instant to) {
        UsageTotals.Totals t = servers.usage(scope, id, from, to);
        return new UsageView(id, from, to, t.samples(), t.cpuSeconds(), t.netRxBytes(), t.netTxBytes(),
                t.diskReadBytes(), t.diskWriteBytes());
    }

    public List<ApiViews.SnapshotView> snapshots(Scope scope, UUID id) {
        return servers.snapshots(scope, id).stream()
                .map(s -> new ApiViews.SnapshotView(s.name(), s.state().name(), s.createdAt())).toList();
    }

    /** The newest job of a server in scope: the one an action just queued. */
    public ApiViews.JobView latestJob(UUID serverId) {
        return jobs.recent(serverId, 1).stream().findFirst().map(ApiViews.JobView::of)
                .orElseThrow(() -> new NotFound("job"));
    }

    public ApiViews.Page<ApiViews.JobView> jobs(Scope scope, UUID serverId, String cursor, int limit) {
        Cursors after = Cursors.decode(cursor);
        List<JobHistory.JobLine> found = new ArrayList<>(jobs.page(scope.tenantIds(), serverId,
                after == null ? null : new JobHistory.After(after.at(), after.id()), limit + 1));
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            next = Cursors.encode(found.get(limit - 1).createdAt(), found.get(limit - 1).id());
        }
        return new ApiViews.Page<>(found.stream().map(ApiViews.JobView::of).toList(), next);
    }

    public ApiViews.JobView job(Scope scope, UUID id) {
        return jobs.get(scope.tenantIds(), id).map(ApiViews.JobView::of).orElseThrow(() -> new NotFound("job"));
    }
}
