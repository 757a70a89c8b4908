package io.innkeeper.orders;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.audit.Guarded;
import io.innkeeper.audit.Refused;
import io.innkeeper.billing.usage.PlanHistory;
import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.Hostnames;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.ip.NoFreeAddress;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantStatus;

/**
 * Orders and server actions. An order locks its tenant (and reseller), checks every field and the quotas, then
 * places the guest and writes the server and its create job, all in one transaction: it is stored whole or not
 * at all, and two orders can never both take the last unit of a quota or of a node.
 */
@ApplicationScoped
@Guarded
public class OrderService {

    @Inject
    Clock clock;

    @Inject
    PlanHistory planHistory;

    @Inject
    EntityManager em;

    @Inject
    ProvisioningService provisioning;

    @Inject
    ServerQueries servers;

    @Inject
    QuotaService quotas;

    @Inject
    Audit audit;

    /** The order's server; {@code replayed} when the same idempotency key and order had already made it. */
    public record Placed(Server server, boolean replayed) {
    }

    @Transactional
    public Placed order(Actor actor, Scope scope, OrderRequest request) {
        Tenant tenant = quotas.lock(scope.tenantId());
        Optional<Server> earlier = byKey(tenant.id, request.idempotencyKey());
        if (earlier.isPresent()) {
            if (!earlier.get().orderFingerprint.equals(request.fingerprint())) {
                throw refuse(actor, tenant, request, new FieldErrors().add("idempotencyKey",
                        "This idempotency key was already used for a different order; use a new key."));
            }
            return new Placed(earlier.get(), true);
        }
        Checked checked = check(tenant, request);
        if (!checked.errors().isEmpty()) {
            throw refuse(actor, tenant, request, checked.errors());
        }
        String hostname = checked.hostname();
        Region region = checked.region();
        Plan plan = checked.plan();
        OsTemplate template = checked.template();
        String guestType = checked.guestType();
        boolean ipv4 = checked.ipv4();

        UUID id = UUID.randomUUID();
        Guest guest;
        try {
            guest = provisioning.create(new ProvisioningService.NewGuest(id, tenant.id, hostname, region.id,
                    guestType, template, plan.vcpus, plan.memoryMib, plan.diskGib, plan.guestLimits(), ipv4));
        } catch (NoCapacity | NoFreeAddress e) {
            throw refuse(actor, tenant, request, new FieldErrors().add("region", e.getMessage()));
        }
        Server server = new Server();
        server.guest = guest;
        server.tenant = tenant;
        server.hostname = hostname;
        server.plan = plan;
        server.template = template;
        server.region = region;
        server.createdAt = clock.instant();
        server.idempotencyKey = blankToNull(request.idempotencyKey());
        server.orderFingerprint = request.fingerprint();
        server.persist();
        audit.changed(actor, new Audit.Entry("server.order", "server", server.id, tenant.id, null, null,
                snapshot(server, guestType)));
        return new Placed(server, false);
    }

    /**
     * A dry run of {@link #order}: whether the order would be accepted now, on which node, and at what price. It runs
     * the same checks, but locks no row, reserves nothing and writes nothing, not even a refusal to the audit log,
     * so its answer can be stale by the time the order comes; the order decides.
     */
    @Transactional
    public OrderQuote quote(Actor actor, Scope scope, OrderRequest request) {
        org.hibernate.Session session = em.unwrap(org.hibernate.Session.class);
        org.hibernate.FlushMode flushMode = session.getHibernateFlushMode();
        boolean readOnly = session.isDefaultReadOnly();
        session.setHibernateFlushMode(org.hibernate.FlushMode.MANUAL);
        session.setDefaultReadOnly(true);
        try {
            return dryRun(scope, request);
        } finally {
            session.setDefaultReadOnly(readOnly);
            session.setHibernateFlushMode(flushMode);
        }
    }

    private OrderQuote dryRun(Scope scope, OrderRequest request) {
        Tenant tenant = em.find(Tenant.class, scope.tenantId());
        if (tenant == null) {
            throw new io.innkeeper.kernel.NotFound("tenant");
        }
        Optional<Server> earlier = byKey(tenant.id, request.idempotencyKey());
        if (earlier.isPresent()) {
            Server server = earlier.get();
            if (!server.orderFingerprint.equals(request.fingerprint())) {
                return OrderQuote.refused(new FieldErrors().add("idempotencyKey",
                        "This idempotency key was already used for a different order; use a new key."),
                        server.plan);
            }
            // The order would answer with the server it already made.
            return OrderQuote.fits(server.guest.node.name, server.plan);
        }
        Checked checked = check(tenant, request);
        FieldErrors errors = checked.errors();
        if (errors.isEmpty()) {
            Plan plan = checked.plan();
            try {
                String node = provisioning.wouldPlace(checked.region().id, checked.guestType(),
                        plan.vcpus, plan.memoryMib, plan.diskGib, checked.ipv4());
                return OrderQuote.fits(node, plan);
            } catch (NoCapacity | NoFreeAddress e) {
                errors.add("region", e.getMessage());
            }
        }
        return OrderQuote.refused(errors, checked.plan());
    }

    /** What {@link #check} found: the problems, and the parts of the order it could resolve. */
    private record Checked(FieldErrors errors, String hostname, Region region, Plan plan, OsTemplate template,
            String guestType, boolean ipv4) {
    }

    /**
     * Every check of an order short of placing it: the account, the fields, the hostname, and the quotas of the
     * tenant and its reseller. Locks nothing itself; {@link #order} calls it with the tenant locked.
     */
    private Checked check(Tenant tenant, OrderRequest request) {
        FieldErrors errors = new FieldErrors();
        suspension(tenant).ifPresent(status -> errors.add("form", status.equals("reseller")
                ? "Your reseller's account is suspended; new servers cannot be ordered. Contact your reseller."
                : "Your account is " + status + "; new servers cannot be ordered. Contact support to restore it."));
        String hostname = Hostnames.normalise(request.hostname());
        Hostnames.problem(hostname).ifPresent(p -> errors.add("hostname", p));
        Region region = find(Region.class, request.region(), "region", "Choose a region.", errors);
        Plan plan = find(Plan.class, request.plan(), "plan", "Choose a plan.", errors);
        OsTemplate template = find(OsTemplate.class, request.template(), "template", "Choose an operating system.",
                errors);
        if (plan != null && (!plan.onSale || plan.retiredAt != null)) {
            errors.add("plan", "This plan is no longer on sale; choose another.");
        }
        if (template != null && !template.onSale) {
            errors.add("template", "This operating system is no longer offered; choose another.");
        }
        String guestType = plan == null || template == null ? null : guestType(request, plan, template, errors);
        if (!errors.has("hostname") && em.createQuery("select count(s) from Server s where s.tenant.id = :t and s.hostname = :h "
                + "and s.deletedAt is null", Long.class).setParameter("t", tenant.id).setParameter("h", hostname)
                .getSingleResult() > 0) {
            errors.add("hostname", "You already have a server called " + hostname + ".");
        }
        boolean ipv4 = region != null && provisioning.hasIpv4(region.id);
        if (errors.isEmpty()) {
            List<QuotaRules.Refusal> refusals = quotas.refusals(tenant,
                    Need.server(plan.vcpus, plan.memoryMib, plan.diskGib, ipv4 ? 1 : 0));
            if (!refusals.isEmpty()) {
                errors.add("plan", String.join(" ", refusals.stream().map(QuotaRules.Refusal::message).toList()));
            }
        }
        return new Checked(errors, hostname, region, plan, template, guestType, ipv4);
    }

    /**
     * Why the tenant may not order or start servers: its own status in lower case ("suspended", "closed"), or
     * "reseller" when its reseller is not active; empty when it may.
     */
    private static Optional<String> suspension(Tenant tenant) {
        if (tenant.status != TenantStatus.ACTIVE) {
            return Optional.of(tenant.status.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (tenant.parent != null && tenant.parent.status != TenantStatus.ACTIVE) {
            return Optional.of("reseller");
        }
        return Optional.empty();
    }

    /** The standing of the tenant's account, which {@link ServerActions} weighs. */
    public static ServerActions.Standing standing(Tenant tenant) {
        return ServerActions.Standing.of(tenant.status, tenant.parent == null ? null : tenant.parent.status);
    }

    /** A power action the customer asks for on one server. */
    public enum Power {
        REBOOT,
        START,
        STOP,
        POWER_OFF
    }

    /**
     * Queues a power action. Starting needs an active account and room in the running quota; the others only need
     * the server to be in the state the action starts from.
     */
    @Transactional
    public void power(Actor actor, Scope scope, UUID serverId, Power action) {
        Server server = servers.get(scope, serverId);
        ServerActions.Action asked = ServerActions.Action.valueOf(action.name());
        Tenant tenant = action == Power.START ? quotas.lock(server.tenant.id) : server.tenant;
        Optional<String> held = ServerActions.standingRefusal(asked, standing(tenant));
        if (held.isPresent()) {
            throw refusePower(actor, server, action, held.get());
        }
        Optional<String> wrongState = ServerActions.stateRefusal(asked, server.guest.status);
        if (wrongState.isPresent()) {
            throw InvalidInput.of("form", wrongState.get());
        }
        if (action == Power.START) {
            List<QuotaRules.Refusal> refusals = quotas.refusals(tenant,
                    Need.start(server.guest.vcpus, server.guest.memoryMib));
            if (!refusals.isEmpty()) {
                throw refusePower(actor, server, action, refusals.get(0).message());
            }
        }
        try {
            switch (action) {
                case REBOOT -> provisioning.reboot(server.id);
                case START -> provisioning.start(server.id);
                case STOP -> provisioning.stop(server.id);
                case POWER_OFF -> provisioning.powerOff(server.id);
            }
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("server." + action.name().toLowerCase(java.util.Locale.ROOT),
                "server", server.id, server.tenant.id, null, null, null));
    }

    /**
     * Moves the server to another plan. Only the growth is reserved: quota and node room for the difference, none
     * for a smaller plan. The disk cannot shrink.
     */
    @Transactional
    public void resize(Actor actor, Scope scope, UUID serverId, String planId) {
        Server server = servers.get(scope, serverId);
        Tenant tenant = quotas.lock(server.tenant.id);
        FieldErrors errors = new FieldErrors();
        Plan plan = find(Plan.class, planId, "plan", "Choose a plan.", errors);
        String guestType = server.guest.node.guestType;
        if (plan != null && (!plan.onSale || plan.retiredAt != null)) {
            errors.add("plan", "This plan is no longer on sale; choose another.");
        } else if (plan != null && !plan.runsAs(guestType)) {
            errors.add("plan", plan.name + " does not run as " + guestType + ".");
        } else if (plan != null && plan.id.equals(server.plan.id)) {
            errors.add("plan", "The server is on this plan already.");
        }
        if (errors.isEmpty()) {
            ServerActions.stateRefusal(ServerActions.Action.RESIZE, server.guest.status)
                    .ifPresent(why -> errors.add("plan", why));
        }
        if (errors.isEmpty()) {
            boolean running = server.guest.status == io.innkeeper.provisioning.guest.GuestStatus.RUNNING;
            Need growth = new Need(0, Math.max(0, plan.vcpus - server.guest.vcpus),
                    Math.max(0, plan.memoryMib - server.guest.memoryMib),
                    Math.max(0, plan.diskGib - server.guest.diskGib), 0, 0, running, true);
            quotas.refusals(tenant, growth).stream().findFirst().ifPresent(r -> errors.add("plan", r.message()));
        }
        Map<String, Object> before = snapshot(server, guestType);
        if (errors.isEmpty()) {
            try {
                provisioning.resize(server.id, plan.vcpus, plan.memoryMib, plan.diskGib, plan.guestLimits());
            } catch (IllegalStateException | NoCapacity e) {
                errors.add("plan", e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new Refused(actor, new Audit.Entry("server.resize", "server", server.id, tenant.id,
                    String.join(" ", errors.asMap().values()), before, planId), errors);
        }
        planHistory.changed(server.id, server.plan.id, plan.id, clock.instant());
        server.plan = plan;
        audit.changed(actor, new Audit.Entry("server.resize", "server", server.id, tenant.id, null, before,
                snapshot(server, guestType)));
    }

    /** Installs the server afresh from a template (its current one when none is given); all data is lost. */
    @Transactional
    public void reinstall(Actor actor, Scope scope, UUID serverId, String templateId) {
        Server server = servers.get(scope, serverId);
        FieldErrors errors = new FieldErrors();
        OsTemplate template = templateId == null || templateId.isBlank() ? server.template
                : find(OsTemplate.class, templateId, "template", "Choose an operating system.", errors);
        if (template != null && !template.onSale) {
            errors.add("template", "This operating system is no longer offered; choose another.");
        }
        if (errors.isEmpty()) {
            ServerActions.stateRefusal(ServerActions.Action.REINSTALL, server.guest.status)
                    .ifPresent(why -> errors.add("template", why));
        }
        errors.throwIfAny();
        String before = server.template.code;
        try {
            provisioning.reinstall(server.id, template);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("template", e.getMessage());
        }
        server.template = template;
        audit.changed(actor, new Audit.Entry("server.reinstall", "server", server.id, server.tenant.id, null,
                Map.of("template", before), Map.of("template", template.code)));
    }

    /** What a customer does with snapshots. */
    public enum SnapshotAction {
        CREATE,
        REVERT,
        DELETE
    }

    private static final java.util.regex.Pattern SNAPSHOT_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    /** Takes, reverts to or deletes a snapshot; a new one needs room in the snapshot quota. */
    @Transactional
    public void snapshot(Actor actor, Scope scope, UUID serverId, SnapshotAction action, String rawName) {
        Server server = servers.get(scope, serverId);
        String name = rawName == null ? "" : rawName.strip();
        if (!SNAPSHOT_NAME.matcher(name).matches()) {
            throw InvalidInput.of("name", "A snapshot name has 1 to 63 letters, digits, dots, hyphens or "
                    + "underscores, and starts with a letter or digit.");
        }
        ServerActions.Action asked = switch (action) {
            case CREATE -> ServerActions.Action.SNAPSHOT;
            case REVERT -> ServerActions.Action.REVERT;
            case DELETE -> ServerActions.Action.DELETE_SNAPSHOT;
        };
        Optional<String> wrongState = ServerActions.stateRefusal(asked, server.guest.status);
        if (wrongState.isPresent()) {
            throw InvalidInput.of("name", wrongState.get());
        }
        if (action == SnapshotAction.CREATE) {
            Tenant tenant = quotas.lock(server.tenant.id);
            List<QuotaRules.Refusal> refusals = quotas.refusals(tenant, new Need(0, 0, 0, 0, 0, 1, false, true));
            if (!refusals.isEmpty()) {
                throw new Refused(actor, new Audit.Entry("snapshot.create", "server", server.id, tenant.id,
                        refusals.get(0).message(), null, name), new FieldErrors().add("name",
                                refusals.get(0).message()));
            }
        }
        try {
            switch (action) {
                case CREATE -> provisioning.snapshot(server.id, name, "");
                case REVERT -> provisioning.revert(server.id, name);
                case DELETE -> provisioning.deleteSnapshot(server.id, name);
            }
        } catch (IllegalStateException e) {
            throw InvalidInput.of("name", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("snapshot." + action.name().toLowerCase(java.util.Locale.ROOT), "server",
                server.id, server.tenant.id, name, null, null));
    }

    private static Refused refusePower(Actor actor, Server server, Power action, String why) {
        return new Refused(actor, new Audit.Entry("server." + action.name().toLowerCase(java.util.Locale.ROOT),
                "server", server.id, server.tenant.id, why, null, null), new FieldErrors().add("form", why));
    }

    /** Queues the server's removal; asking again once its deletion has begun changes nothing. */
    @Transactional
    public void delete(Actor actor, Scope scope, UUID serverId) {
        Server server = servers.get(scope, serverId);
        if (ServerActions.stateRefusal(ServerActions.Action.DELETE, server.guest.status).isPresent()) {
            return;
        }
        Map<String, Object> before = snapshot(server, server.guest.node.guestType);
        provisioning.delete(server.id);
        audit.changed(actor, new Audit.Entry("server.delete", "server", server.id, server.tenant.id, null, before,
                null));
    }

    private Optional<Server> byKey(UUID tenantId, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return Server.<Server>find("tenant.id = ?1 and idempotencyKey = ?2", tenantId, key.strip())
                .firstResultOptional();
    }

    private static String guestType(OrderRequest request, Plan plan, OsTemplate template, FieldErrors errors) {
        String wanted = request.guestType() == null ? "" : request.guestType().strip();
        if (!wanted.isEmpty()) {
            if (!plan.runsAs(wanted)) {
                errors.add("guestType", plan.name + " does not run as " + wanted + "; it runs as "
                        + String.join(", ", plan.guestTypeList()) + ".");
                return null;
            }
            if (!template.supports(wanted)) {
                errors.add("template", template.name + " does not run as " + wanted + ".");
                return null;
            }
            return wanted;
        }
        Optional<String> type = plan.guestTypeList().stream().filter(template::supports).findFirst();
        if (type.isEmpty()) {
            errors.add("template", template.name + " does not run on " + plan.name + " servers.");
            return null;
        }
        return type.get();
    }

    private static Refused refuse(Actor actor, Tenant tenant, OrderRequest request, FieldErrors errors) {
        return new Refused(actor, new Audit.Entry("server.order", "server", null, tenant.id,
                String.join(" ", errors.asMap().values()), null, request), errors);
    }

    private static Map<String, Object> snapshot(Server server, String guestType) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("hostname", server.hostname);
        state.put("plan", server.plan.code + " v" + server.plan.version);
        state.put("template", server.template.code);
        state.put("region", server.region.code);
        state.put("guestType", guestType);
        state.put("vcpus", server.plan.vcpus);
        state.put("memoryMib", server.plan.memoryMib);
        state.put("diskGib", server.plan.diskGib);
        return state;
    }

    private <T> T find(Class<T> type, String rawId, String field, String missing, FieldErrors errors) {
        if (rawId == null || rawId.isBlank()) {
            errors.add(field, missing);
            return null;
        }
        T found;
        try {
            found = em.find(type, UUID.fromString(rawId.strip()));
        } catch (IllegalArgumentException e) {
            found = null;
        }
        if (found == null) {
            errors.add(field, missing);
        }
        return found;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
