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
import io.innkeeper.kernel.Codes;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.QuotaThresholds;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantStatus;

/**
 * Server actions: power, resize, reinstall, snapshots and deletion, each checked and queued in one transaction.
 * Orders are {@link PlaceServer}'s.
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
    QuotaThresholds thresholds;

    @Inject
    Audit audit;

    @Inject
    PlaceServer placeServer;

    /** The order's server; {@code replayed} when the same idempotency key and order had already made it. */
    public record Placed(Server server, boolean replayed) {
    }

    /** {@link PlaceServer#place}, for a caller that has the order and wants the server's entity back. */
    @Transactional
    public Placed order(Actor actor, Scope scope, OrderRequest request) {
        PlaceServer.Result placed = placeServer.place(new PlaceServer.Command(actor, scope, request));
        return new Placed(em.find(Server.class, placed.serverId()), placed.replayed());
    }

    /**
     * Why the tenant may not order or start servers: its own status in lower case ("suspended", "closed"), or
     * "reseller" when its reseller is not active; empty when it may.
     */
    static Optional<String> suspension(Tenant tenant) {
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
        thresholds.check(tenant);
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

    static Map<String, Object> snapshot(Server server, String guestType) {
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

    <T> T find(Class<T> type, String rawId, String field, String missing, FieldErrors errors) {
        return find(em, type, rawId, field, missing, errors);
    }

    /**
     * The row that the id or stable code typed in names (a plan's code names its current version, an id any
     * version); null, with {@code missing} added to the field's errors, when there is none. The one place an
     * order, a resize and a reinstall resolve what they name.
     */
    static <T> T find(EntityManager em, Class<T> type, String rawId, String field, String missing,
            FieldErrors errors) {
        if (rawId == null || rawId.isBlank()) {
            errors.add(field, missing);
            return null;
        }
        String value = rawId.strip();
        T found = Codes.asId(value).map(id -> em.find(type, id)).orElseGet(() -> byCode(em, type, value));
        if (found == null) {
            errors.add(field, missing);
        }
        return found;
    }

    private static <T> T byCode(EntityManager em, Class<T> type, String code) {
        if (!Codes.valid(code)) {
            return null;
        }
        String current = type == Plan.class ? " and e.retiredAt is null" : "";
        return em.createQuery("select e from " + type.getSimpleName() + " e where e.code = :code" + current, type)
                .setParameter("code", code).getResultStream().findFirst().orElse(null);
    }
}
