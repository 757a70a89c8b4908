package io.innkeeper.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.account.ExternalRefs;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.metering.UsageTotals;
import io.innkeeper.tenancy.Scope;

/**
 * The query use cases for one server of a caller's {@link Scope}: the server with its external ref and addresses,
 * its addresses with their reverse DNS names, what it used, and its snapshots. One transaction each; a server
 * outside the scope, or deleted, is {@link io.innkeeper.kernel.NotFound} (404), whoever else owns it.
 */
@ApplicationScoped
public class ServerInfo {

    /** A server as the API shows it: what was ordered, its state and size, its external ref and its addresses. */
    public record Detail(UUID id, String hostname, GuestStatus status, UUID account, ServerRow.Ref region,
            ServerRow.Ref plan, ServerRow.Ref template, int vcpus, int memoryMib, int diskGib, String externalRef,
            List<Address> addresses, Instant createdAt) {
    }

    /** One of a server's addresses and its PTR name; null while the provider's default reverse DNS answers. */
    public record AddressLine(Address address, String ptr) {
    }

    @Inject
    ServerQueries servers;

    @Inject
    ExternalRefs refs;

    @Inject
    ServerSettings settings;

    @Inject
    UsageTotals usage;

    @Inject
    ProvisioningService provisioning;

    @Transactional
    public Detail get(Scope scope, UUID id) {
        Server s = servers.get(scope, id);
        return new Detail(s.id, s.hostname, s.guest.status, s.tenant.id,
                new ServerRow.Ref(s.region.id, s.region.code, s.region.name),
                new ServerRow.Ref(s.plan.id, s.plan.code, s.plan.name),
                new ServerRow.Ref(s.template.id, s.template.code, s.template.name), s.guest.vcpus,
                s.guest.memoryMib, s.guest.diskGib, refs.of(List.of(id)).get(id), provisioning.addresses(s.id),
                s.createdAt);
    }

    /** The server's addresses with their reverse DNS names, IPv4 first. */
    @Transactional
    public List<AddressLine> addresses(Scope scope, UUID id) {
        Server server = servers.get(scope, id);
        Map<String, String> ptrs = settings.reverseDns(server);
        return provisioning.addresses(server.id).stream().map(a -> new AddressLine(a, ptrs.get(a.address())))
                .toList();
    }

    /** What the server used from {@code from} (inclusive) to {@code to} (exclusive), summed from its samples. */
    @Transactional
    public UsageTotals.Totals usage(Scope scope, UUID id, Instant from, Instant to) {
        return usage.totals(servers.get(scope, id).id, from, to);
    }

    /** The server's snapshots, oldest first. */
    @Transactional
    public List<ServerDetails.SnapshotRow> snapshots(Scope scope, UUID id) {
        Server server = servers.get(scope, id);
        return provisioning.snapshots(server.id).stream()
                .map(ServerDetails.SnapshotRow::of).toList();
    }
}
