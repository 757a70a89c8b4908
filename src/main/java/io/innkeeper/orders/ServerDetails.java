package io.innkeeper.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.JobHistory;
import io.innkeeper.provisioning.metering.UsageSamples;
import io.innkeeper.provisioning.template.OsTemplates;
import io.innkeeper.tenancy.Scope;

/**
 * The query use case of one server's page: the server as records, within a caller's {@link Scope} ({@link
 * io.innkeeper.kernel.NotFound}, 404, outside it). {@link #get} is the server alone, {@link #status} what its status
 * card shows, {@link #page} the whole page with the choices of its forms. One transaction each.
 */
@ApplicationScoped
public class ServerDetails {

    /** One server as its page shows it; {@code vcpus} is the guest's, {@code standing} its account's. */
    public record ServerDetail(UUID id, String hostname, GuestStatus status, int vcpus, PlanRef plan,
            ServerRow.Ref template, ServerRow.Ref region, Instant createdAt, ServerActions.Standing standing) {
    }

    /** The plan a server runs on, with its size in words ("2 vCPU · 4 GiB RAM · 80 GiB disk"). */
    public record PlanRef(UUID id, String code, String name, String summary) {
    }

    /** One snapshot of the server. */
    public record SnapshotRow(String name, Instant createdAt, GuestSnapshot.State state) {

        static SnapshotRow of(GuestSnapshot s) {
            return new SnapshotRow(s.name, s.createdAt, s.state);
        }
    }

    /** What the status card shows: the server, its addresses (IPv4 first) and its latest jobs, newest first. */
    public record Status(ServerDetail server, List<Address> addresses, List<JobHistory.JobLine> jobs) {
    }

    /** The server with its use over a window, summed per bucket. */
    public record Usage(ServerDetail server, List<UsageSamples.Bucket> buckets) {
    }

    /**
     * The whole page: the status card's facts, the PTR names set per address, the snapshots (oldest first), the
     * other plans on sale the server's guest type runs as (to resize to), the templates on sale for that type, and
     * the server's use over a window.
     */
    public record Page(ServerDetail server, List<Address> addresses, List<JobHistory.JobLine> jobs, Map<String, String> reverseDns,
            List<SnapshotRow> snapshots, List<PlanCatalog.PlanOnSale> plans, List<OsTemplates.TemplateOnSale> templates,
            List<UsageSamples.Bucket> usage) {
    }

    @Inject
    ServerQueries servers;

    @Inject
    ServerSettings settings;

    @Inject
    ProvisioningService provisioning;

    @Inject
    PlanCatalog plans;

    @Inject
    JobHistory history;

    @Inject
    OsTemplates templates;

    @Inject
    UsageSamples samples;

    @Transactional
    public ServerDetail get(Scope scope, UUID id) {
        return detail(servers.get(scope, id));
    }

    /** The status card with the latest {@code jobs} jobs. */
    @Transactional
    public Status status(Scope scope, UUID id, int jobs) {
        Server server = servers.get(scope, id);
        return new Status(detail(server), servers.addresses(server), jobs(server, jobs));
    }

    /** The server's use over the window. */
    @Transactional
    public Usage usage(Scope scope, UUID id, UsageSamples.Window window) {
        Server server = servers.get(scope, id);
        return new Usage(detail(server), samples.buckets(server.id, window));
    }

    /** The whole page with the latest {@code jobs} jobs and the use over the window. */
    @Transactional
    public Page page(Scope scope, UUID id, int jobs, UsageSamples.Window window) {
        Server server = servers.get(scope, id);
        List<JobHistory.JobLine> history = jobs(server, jobs);
        List<Address> addresses = servers.addresses(server);
        ServerDetail detail = detail(server);
        String type = server.guest.node.guestType;
        List<PlanCatalog.PlanOnSale> others = plans.onSale().stream()
                .filter(p -> p.runsAs(type) && !p.id().equals(server.plan.id)).toList();
        List<OsTemplates.TemplateOnSale> forType = templates.onSale().stream().filter(t -> t.supports(type)).toList();
        List<SnapshotRow> snapshots = servers.snapshots(server).stream()
                .map(SnapshotRow::of).toList();
        return new Page(detail, addresses, history, settings.reverseDns(server), snapshots, others, forType,
                samples.buckets(server.id, window));
    }

    private List<JobHistory.JobLine> jobs(Server server, int limit) {
        return history.recent(server.id, limit);
    }

    private static ServerDetail detail(Server server) {
        return new ServerDetail(server.id, server.hostname, server.guest.status, server.guest.vcpus,
                new PlanRef(server.plan.id, server.plan.code, server.plan.name, server.plan.summary()),
                new ServerRow.Ref(server.template.id, server.template.code, server.template.name),
                new ServerRow.Ref(server.region.id, server.region.code, server.region.name), server.createdAt,
                OrderService.standing(server.tenant));
    }
}
