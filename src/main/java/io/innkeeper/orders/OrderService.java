package io.innkeeper.orders;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.Hostnames;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantStatus;

/**
 * Orders and server actions. An order checks every field, then places the guest and writes the server and its
 * create job in one transaction: it is stored whole or not at all.
 */
@ApplicationScoped
public class OrderService {

    @Inject
    Clock clock;

    @Inject
    ProvisioningService provisioning;

    @Inject
    ServerQueries servers;

    @Transactional
    public Server order(Scope scope, OrderRequest request) {
        Tenant tenant = Tenant.findById(scope.tenantId());
        FieldErrors errors = new FieldErrors();
        if (tenant.status != TenantStatus.ACTIVE) {
            errors.add("form", "Your account is " + tenant.status.name().toLowerCase(java.util.Locale.ROOT)
                    + "; new servers cannot be ordered. Contact support to restore it.");
        }
        String hostname = Hostnames.normalise(request.hostname());
        Hostnames.problem(hostname).ifPresent(p -> errors.add("hostname", p));
        Region region = find(Region.class, request.region(), "region", "Choose a region.", errors);
        Plan plan = find(Plan.class, request.plan(), "plan", "Choose a plan.", errors);
        OsTemplate template = find(OsTemplate.class, request.template(), "template", "Choose an operating system.",
                errors);
        if (plan != null && !plan.onSale) {
            errors.add("plan", "This plan is no longer on sale; choose another.");
        }
        if (template != null && !template.onSale) {
            errors.add("template", "This operating system is no longer offered; choose another.");
        }
        if (plan != null && template != null && !template.supports(plan.guestType)) {
            errors.add("template", template.name + " does not run on " + plan.name + " (" + plan.guestType
                    + ") servers.");
        }
        if (!errors.has("hostname") && Server.count("tenant.id = ?1 and hostname = ?2 and deletedAt is null",
                tenant.id, hostname) > 0) {
            errors.add("hostname", "You already have a server called " + hostname + ".");
        }
        errors.throwIfAny();

        UUID id = UUID.randomUUID();
        Guest guest;
        try {
            guest = provisioning.create(new ProvisioningService.NewGuest(id, tenant.id, hostname, region.id,
                    plan.guestType, template, plan.vcpus, plan.memoryMib, plan.diskGib));
        } catch (NoCapacity e) {
            throw InvalidInput.of("region", e.getMessage());
        }
        Server server = new Server();
        server.guest = guest;
        server.tenant = tenant;
        server.hostname = hostname;
        server.plan = plan;
        server.template = template;
        server.region = region;
        server.createdAt = clock.instant();
        server.persist();
        return server;
    }

    @Transactional
    public void reboot(Scope scope, UUID serverId) {
        Server server = servers.get(scope, serverId);
        try {
            provisioning.reboot(server.id);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
    }

    @Transactional
    public void delete(Scope scope, UUID serverId) {
        Server server = servers.get(scope, serverId);
        provisioning.delete(server.id);
    }

    private static <T> T find(Class<T> type, String rawId, String field, String missing, FieldErrors errors) {
        if (rawId == null || rawId.isBlank()) {
            errors.add(field, missing);
            return null;
        }
        Optional<UUID> id = parse(rawId);
        T found = id.map(i -> io.quarkus.hibernate.orm.panache.Panache.getEntityManager().find(type, i)).orElse(null);
        if (found == null) {
            errors.add(field, missing);
        }
        return found;
    }

    private static Optional<UUID> parse(String raw) {
        try {
            return Optional.of(UUID.fromString(raw.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
