package io.innkeeper.orders;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

import io.innkeeper.account.ExternalRefs;
import io.innkeeper.account.SshKeys;
import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.audit.Guarded;
import io.innkeeper.audit.Refused;
import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.Hostnames;
import io.innkeeper.kernel.IdempotencyKeys;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.cloudinit.GuestAccess;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.ip.NoFreeAddress;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.Need;
import io.innkeeper.quota.QuotaRules;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.QuotaThresholds;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;

/**
 * Places a server: the one way an order comes in, from the form and from the API alike. In one transaction, with
 * the tenant (and its reseller) locked, it checks every part of the order and the quotas, then places the guest and
 * writes the server, its create job, its access settings (root password hash, SSH keys, user data), its external
 * reference and its idempotency key: the order is stored whole or not at all. The same key with the same order
 * answers the server it made; with another order it is refused. {@link #quote} is the dry run: the very same
 * checks, nothing locked or written.
 */
@ApplicationScoped
@Guarded
public class PlaceServer {

    /** Guest types are short codes (kvm, lxc, ...); anything else is refused without being echoed. */
    private static final Pattern GUEST_TYPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** Free text of a refused order kept in the audit log, at most this long per field, and for the reasons. */
    private static final int AUDIT_TEXT = 256;
    private static final int AUDIT_REASONS = 2000;

    static final String KEY_REUSED = "This idempotency key was already used for a different order; use a new key.";

    /** Who orders, for whom, and what. */
    /**
     * An order to place. {@code restoreFrom}, when given, is a finished backup whose copy becomes the new server's
     * disk instead of the template's (its owner checked it: {@code ServerBackups}).
     */
    public record Command(Actor actor, Scope scope, OrderRequest order, UUID restoreFrom) {

        public Command(Actor actor, Scope scope, OrderRequest order) {
            this(actor, scope, order, null);
        }
    }

    /** The server the order made; {@code replayed} when the same idempotency key and order had already made it. */
    public record Result(UUID serverId, boolean replayed) {
    }

    /**
     * A refusal only because something the order asks for is another order's already: the hostname, the external
     * reference, or the idempotency key (used for a different order). The input is fine in itself; the API answers
     * 422 for this, where it answers 400 for input that is wrong on its face.
     */
    public static final class Taken extends Refused {

        Taken(Actor actor, Audit.Entry entry, FieldErrors errors) {
            super(actor, entry, errors);
        }
    }

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ProvisioningService provisioning;

    @Inject
    QuotaService quotas;

    @Inject
    ServerAccess access;

    @Inject
    SshKeys sshKeys;

    @Inject
    ExternalRefs refs;

    @Inject
    Audit audit;

    @Inject
    QuotaThresholds thresholds;

    @Inject
    OrderCounts counts;

    @Transactional
    public Result place(Command command) {
        Actor actor = command.actor();
        OrderRequest order = command.order();
        Tenant tenant = quotas.lock(command.scope().tenantId());
        Checked checked = check(tenant, order);
        if (!checked.errors().isEmpty()) {
            throw refuse(actor, tenant, order, checked.errors(), checked.onlyTaken(), checked.refusal());
        }
        if (checked.earlier() != null) {
            return new Result(checked.earlier().id, true);
        }
        Plan plan = checked.plan();
        UUID id = UUID.randomUUID();
        Guest guest;
        try {
            guest = provisioning.create(new ProvisioningService.NewGuest(id, tenant.id, checked.hostname(),
                    checked.region().id, checked.guestType(), checked.template(), plan.vcpus, plan.memoryMib,
                    plan.diskGib, plan.guestLimits(), checked.ipv4(), command.restoreFrom()));
        } catch (NoCapacity | NoFreeAddress e) {
            throw refuse(actor, tenant, order, new FieldErrors().add("region", e.getMessage()), false,
                    OrderCounts.Refusal.CAPACITY);
        }
        Server server = new Server();
        server.guest = guest;
        server.tenant = tenant;
        server.hostname = checked.hostname();
        server.plan = plan;
        server.template = checked.template();
        server.region = checked.region();
        server.createdAt = clock.instant();
        server.idempotencyKey = checked.key();
        server.orderFingerprint = order.fingerprint();
        try {
            server.persist();
            if (!checked.access().equals(GuestAccess.NONE)) {
                access.store(actor, server, checked.access());
            }
            refs.set(tenant.id, ExternalRefs.SERVER, server.id, order.externalRef());
            audit.changed(actor, new Audit.Entry("server.order", "server", server.id, tenant.id, null, null,
                    OrderService.snapshot(server, checked.guestType())));
            em.flush();
        } catch (PersistenceException e) {
            throw duplicate(e).map(errors -> refuse(actor, tenant, order, errors, true, OrderCounts.Refusal.TAKEN))
                    .orElseThrow(() -> e);
        }
        thresholds.check(tenant);
        counts.placed();
        return new Result(server.id, false);
    }

    /**
     * A dry run of {@link #place}: whether the order would be accepted now, on which node, and at what price. It runs
     * the same checks, but locks no row, reserves nothing and writes nothing, not even a refusal to the audit log,
     * so its answer can be stale by the time the order comes; the order decides.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public OrderQuote quote(Command command) {
        // Its own transaction, so its session is its own: read-only with manual flushing to the end, which spares the
        // dirty check of every entity it loaded (a region's nodes) at commit, about a sixth of a dry run's CPU.
        Session session = em.unwrap(Session.class);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        session.setDefaultReadOnly(true);
        Tenant tenant = em.find(Tenant.class, command.scope().tenantId());
        if (tenant == null) {
            throw new NotFound("tenant");
        }
        return dryRun(tenant, command.order());
    }

    private OrderQuote dryRun(Tenant tenant, OrderRequest order) {
        Checked checked = check(tenant, order);
        Server earlier = checked.earlier();
        FieldErrors errors = checked.errors();
        if (earlier != null) {
            // The order would answer with the server it already made.
            return errors.isEmpty() ? OrderQuote.fits(earlier.guest.node.name, earlier.plan)
                    : OrderQuote.refused(errors, earlier.plan);
        }
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

    /**
     * What {@link #check} found: the problems, the server an earlier order with the same key made (then nothing else
     * is checked), or the parts of the order it resolved.
     */
    private record Checked(FieldErrors errors, Set<String> taken, Server earlier, String key, String hostname,
            Region region, Plan plan, OsTemplate template, String guestType, boolean ipv4, GuestAccess access,
            boolean suspended, boolean overQuota) {

        static Checked replay(FieldErrors errors, Set<String> taken, String key, Server earlier) {
            return new Checked(errors, taken, earlier, key, null, null, null, null, null, false, null, false, false);
        }

        /** Whether every problem is of something being taken already (see {@link Taken}). */
        boolean onlyTaken() {
            return taken.containsAll(errors.asMap().keySet());
        }

        /** The reason a refused order is counted under: suspension first, then quota, taken, and bad input. */
        OrderCounts.Refusal refusal() {
            return suspended ? OrderCounts.Refusal.SUSPENDED : overQuota ? OrderCounts.Refusal.QUOTA
                    : onlyTaken() ? OrderCounts.Refusal.TAKEN : OrderCounts.Refusal.INVALID;
        }
    }

    /**
     * Every check of an order short of placing it, shared by the order and its dry run: the idempotency key (and
     * whether it made a server already), the account, each field, the access settings, the external reference, the
     * hostname, and the quotas of the tenant and its reseller. Locks nothing itself; {@link #place} calls it with
     * the tenant locked.
     */
    private Checked check(Tenant tenant, OrderRequest order) {
        FieldErrors errors = new FieldErrors();
        Set<String> taken = new HashSet<>();
        String key = blankToNull(order.idempotencyKey());
        IdempotencyKeys.problem(key).ifPresent(p -> errors.add("idempotencyKey", p));
        Optional<Server> earlier = errors.isEmpty() ? byKey(tenant.id, key) : Optional.empty();
        if (earlier.isPresent()) {
            if (!sameOrder(earlier.get(), order)) {
                errors.add("idempotencyKey", KEY_REUSED);
                taken.add("idempotencyKey");
            }
            return Checked.replay(errors, taken, key, earlier.get());
        }
        Optional<String> suspension = OrderService.suspension(tenant);
        suspension.ifPresent(status -> errors.add("form", status.equals("reseller")
                ? "Your reseller's account is suspended; new servers cannot be ordered. Contact your reseller."
                : "Your account is " + status + "; new servers cannot be ordered. Contact support to restore it."));
        String hostname = Hostnames.normalise(order.hostname());
        Hostnames.problem(hostname).ifPresent(p -> errors.add("hostname", p));
        Region region = OrderService.find(em, Region.class, order.region(), "region", "Choose a region.", errors);
        Plan plan = OrderService.find(em, Plan.class, order.plan(), "plan", "Choose a plan.", errors);
        OsTemplate template = OrderService.find(em, OsTemplate.class, order.template(), "template",
                "Choose an operating system.", errors);
        if (plan != null && (!plan.onSale || plan.retiredAt != null)) {
            errors.add("plan", "This plan is no longer on sale; choose another.");
        }
        if (template != null && !template.onSale) {
            errors.add("template", "This operating system is no longer offered; choose another.");
        }
        String guestType = plan == null || template == null ? null : guestType(order, plan, template, errors);
        if (!errors.has("hostname") && em.createQuery("select count(s) from Server s where s.tenant.id = :t "
                + "and s.hostname = :h and s.deletedAt is null", Long.class).setParameter("t", tenant.id)
                .setParameter("h", hostname).getSingleResult() > 0) {
            errors.add("hostname", "You already have a server called " + hostname + ".");
            taken.add("hostname");
        }
        GuestAccess wanted = ServerAccess.check(new ServerAccess.Request(order.rootPassword(),
                keyLines(tenant, order, errors), order.userData()), errors);
        if (externalRefTaken(tenant, order.externalRef(), errors)) {
            taken.add("externalRef");
        }
        boolean ipv4 = region != null && provisioning.hasIpv4(region.id);
        boolean overQuota = false;
        if (errors.isEmpty()) {
            List<QuotaRules.Refusal> refusals = quotas.refusals(tenant,
                    Need.server(plan.vcpus, plan.memoryMib, plan.diskGib, ipv4 ? 1 : 0));
            if (!refusals.isEmpty()) {
                overQuota = true;
                errors.add("plan", String.join(" ", refusals.stream().map(QuotaRules.Refusal::message).toList()));
            }
        }
        return new Checked(errors, taken, null, key, hostname, region, plan, template, guestType, ipv4, wanted,
                suspension.isPresent(), overQuota);
    }

    /** The key lines typed in, then those of the saved keys named by id, which must be the tenant's own. */
    private List<String> keyLines(Tenant tenant, OrderRequest order, FieldErrors errors) {
        List<String> lines = new ArrayList<>(order.sshKeys());
        List<UUID> ids = order.sshKeyIds();
        if (ids.isEmpty()) {
            return lines;
        }
        if (ids.size() > ServerAccess.MAX_KEYS) {
            errors.add("sshKeys", "At most " + ServerAccess.MAX_KEYS + " SSH keys per server.");
            return lines;
        }
        Map<UUID, String> saved = new LinkedHashMap<>();
        for (SshKeys.Key key : sshKeys.list(Scope.of(tenant.id))) {
            saved.put(key.id(), key.publicKey());
        }
        for (UUID id : ids) {
            String line = id == null ? null : saved.get(id);
            if (line == null) {
                errors.add("sshKeys", "There is no SSH key " + id + " on the account; add it to the account's "
                        + "SSH keys first.");
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Checks the reference's form, and that no other server of the tenant has it; true when one has. */
    private boolean externalRefTaken(Tenant tenant, String ref, FieldErrors errors) {
        if (ref == null) {
            return false;
        }
        Optional<String> problem = ExternalRefs.problem(ref);
        if (problem.isPresent()) {
            errors.add("externalRef", problem.get());
            return false;
        }
        if (refs.find(List.of(tenant.id), ExternalRefs.SERVER, ref).isPresent()) {
            errors.add("externalRef", ExternalRefs.TAKEN_BY_SERVER);
            return true;
        }
        return false;
    }

    /** Whether a retry asks for what the earlier order with its key asked for, the root password included. */
    private boolean sameOrder(Server earlier, OrderRequest order) {
        return earlier.orderFingerprint.equals(order.fingerprint()) && ServerAccess.samePassword(order.rootPassword(),
                provisioning.access(earlier.id).rootPasswordHash());
    }

    private Optional<Server> byKey(UUID tenantId, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return Server.<Server>find("tenant.id = ?1 and idempotencyKey = ?2", tenantId, key).firstResultOptional();
    }

    private static String guestType(OrderRequest order, Plan plan, OsTemplate template, FieldErrors errors) {
        String wanted = order.guestType() == null ? "" : order.guestType().strip();
        if (!wanted.isEmpty()) {
            if (!GUEST_TYPE.matcher(wanted).matches() || !plan.runsAs(wanted)) {
                errors.add("guestType", plan.name + " does not run as "
                        + (GUEST_TYPE.matcher(wanted).matches() ? wanted : "that") + "; it runs as "
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

    /**
     * The field a unique index refused, when two writes raced past the checks (a rename and an order of one
     * hostname at once): the order is refused like any taken name, never answered with a server error.
     */
    static Optional<FieldErrors> duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return switch (violation.getConstraintName()) {
                    case "server_hostname_per_tenant" -> Optional.of(new FieldErrors().add("hostname",
                            "You already have a server with this hostname."));
                    case "external_ref_tenant_id_kind_ref_key" -> Optional.of(new FieldErrors().add("externalRef",
                            ExternalRefs.TAKEN_BY_SERVER));
                    case "server_idempotency" -> Optional.of(new FieldErrors().add("idempotencyKey",
                            "An order with this idempotency key is being placed; send it again to get its server."));
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    private Refused refuse(Actor actor, Tenant tenant, OrderRequest order, FieldErrors errors, boolean taken,
            OrderCounts.Refusal reason) {
        counts.refused(reason);
        // Some reasons quote what was sent (a key's type, a YAML error's line): the log keeps them bounded too.
        Audit.Entry entry = new Audit.Entry("server.order", "server", null, tenant.id,
                printable(String.join(" ", errors.asMap().values()), AUDIT_REASONS), null, auditView(order));
        return taken ? new Taken(actor, entry, errors) : new Refused(actor, entry, errors);
    }

    /** What the audit log keeps of a refused order: each text bounded and printable, no password or user data. */
    static Map<String, Object> auditView(OrderRequest order) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("hostname", printable(order.hostname(), AUDIT_TEXT));
        view.put("region", printable(order.region(), AUDIT_TEXT));
        view.put("plan", printable(order.plan(), AUDIT_TEXT));
        view.put("template", printable(order.template(), AUDIT_TEXT));
        view.put("guestType", printable(order.guestType(), AUDIT_TEXT));
        view.put("externalRef", printable(order.externalRef(), AUDIT_TEXT));
        view.put("idempotencyKey", printable(order.idempotencyKey(), AUDIT_TEXT));
        view.put("rootPassword", order.hasPassword());
        view.put("sshKeys", order.sshKeys().size() + order.sshKeyIds().size());
        view.put("userData", order.userData() != null && !order.userData().isBlank());
        return view;
    }

    /** The text cut to {@code limit} characters, each control or invisible formatting one shown as U+FFFD. */
    private static String printable(String text, int limit) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(limit).forEach(c -> out.appendCodePoint(
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '\uFFFD' : c));
        return text.codePointCount(0, text.length()) > limit ? out.append('…').toString() : out.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
