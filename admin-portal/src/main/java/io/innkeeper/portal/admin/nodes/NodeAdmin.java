package io.innkeeper.portal.admin.nodes;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.BoundedCall;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriverFactory;
import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.node.Migrations;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Region;

/** Adds nodes after a connection test, switches maintenance mode, and reads what each node holds. */
@ApplicationScoped
public class NodeAdmin {

    private static final String USE = """
            select n.id, n.name, r.name, n.guest_type, n.libvirt_uri, n.state,
                   count(g.id), coalesce(sum(g.vcpus), 0), floor(n.vcpus * n.cpu_overcommit),
                   coalesce(sum(g.memory_mib), 0), floor(n.memory_mib * n.memory_overcommit),
                   coalesce(sum(g.disk_gib), 0), n.disk_gib, n.max_guests
            from node n join region r on r.id = n.region_id
            left join guest g on g.node_id = n.id and g.status not in ('DELETED', 'FAILED')
            where (cast(:node as uuid) is null or n.id = cast(:node as uuid))
            group by n.id, r.name order by r.name, n.name
            """;

    @Inject
    EntityManager em;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    Audit audit;

    @Inject
    Clock clock;

    @Inject
    Migrations migrations;

    public List<NodeUse> nodes() {
        return use(null);
    }

    public NodeUse node(UUID id) {
        return use(id).stream().findFirst().orElseThrow(() -> new NotFound("node"));
    }

    private List<NodeUse> use(UUID node) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(USE).setParameter("node", node == null ? null : node.toString())
                .getResultList();
        return rows.stream().map(r -> new NodeUse((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], n(r[6]), n(r[7]), n(r[8]), n(r[9]), n(r[10]), n(r[11]), n(r[12]),
                r[13] == null ? null : n(r[13])))
                .toList();
    }

    public Set<String> guestTypes() {
        return new TreeSet<>(drivers.guestTypes());
    }

    /**
     * Saves a node once its driver has connected to it: the URI must suit the guest type, and the node must answer
     * a listing of its guests. Nothing is stored when either fails; the error names the field. The node is asked
     * outside any transaction and within {@link #CONNECTION_TEST_LIMIT}, so a node that hangs holds no database
     * connection; the checks that read the database run again when the node is saved.
     */
    public UUID add(Actor actor, NodeForm form) {
        NodeForm.Parsed parsed = form.parse();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> checkNew(form, parsed));
        HypervisorDriverFactory factory;
        try {
            factory = drivers.factory(parsed.guestType());
        } catch (DriverException.Unsupported e) {
            throw InvalidInput.of("guestType", "There is no driver for guest type " + parsed.guestType() + ".");
        }
        connectionTest(factory, new NodeSettings(parsed.libvirtUri()));
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> save(actor, form, parsed));
    }

    private Region checkNew(NodeForm form, NodeForm.Parsed parsed) {
        Region region = regionOf(form.region());
        if (Node.count("name", parsed.name()) > 0) {
            throw InvalidInput.of("name", "A node called " + parsed.name() + " exists already.");
        }
        return region;
    }

    private UUID save(Actor actor, NodeForm form, NodeForm.Parsed parsed) {
        Region region = checkNew(form, parsed);
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = parsed.name();
        node.guestType = parsed.guestType();
        node.libvirtUri = parsed.libvirtUri();
        node.vcpus = parsed.vcpus();
        node.memoryMib = parsed.memoryMib();
        node.diskGib = parsed.diskGib();
        node.createdAt = clock.instant();
        node.persist();
        audit.changed(actor, new Audit.Entry("node.add", "node", node.id, null, node.name, null,
                Map.of("name", node.name, "region", region.code, "guestType", node.guestType, "libvirtUri",
                        node.libvirtUri, "vcpus", node.vcpus, "memoryMib", node.memoryMib, "diskGib", node.diskGib)));
        return node.id;
    }

    /** How long the connection test waits for a new node to list its guests. */
    static final java.time.Duration CONNECTION_TEST_LIMIT = java.time.Duration.ofSeconds(15);

    /** Checks the URI against the driver's rules, then lists the node's guests through a fresh driver. */
    static void connectionTest(HypervisorDriverFactory factory, NodeSettings settings) {
        try {
            factory.validate(settings);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("libvirtUri", "This libvirt URI does not suit the guest type: " + e.getMessage());
        }
        try {
            BoundedCall.within(CONNECTION_TEST_LIMIT, () -> factory.create(settings).listGuests());
        } catch (DriverException | IllegalArgumentException e) {
            throw InvalidInput.of("libvirtUri", "The connection test failed, so the node was not saved: "
                    + e.getMessage());
        }
    }

    /** The node's stored settings, for the edit form. */
    @Transactional
    public NodeEditForm editForm(UUID id) {
        Node node = Node.findById(id);
        if (node == null) {
            throw new NotFound("node");
        }
        return NodeEditForm.of(node);
    }

    /**
     * Changes a node's name, region, capacity, overcommit and guest cap. The node is locked while what its guests
     * hold is counted, so no order lands between the check and the change; capacity never drops below what is
     * allocated, and a node with guests stays in its region (their servers belong to it).
     */
    @Transactional
    public void edit(Actor actor, UUID id, NodeEditForm form) {
        NodeEditForm.Parsed p = form.parse();
        Node node = Node.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFound("node");
        }
        Region region = regionOf(form.region());
        Object[] used = (Object[]) em.createNativeQuery("select count(*), coalesce(sum(vcpus), 0), "
                + "coalesce(sum(memory_mib), 0), coalesce(sum(disk_gib), 0) from guest where node_id = :n "
                + "and status not in ('DELETED', 'FAILED')").setParameter("n", id).getSingleResult();
        long guests = n(used[0]);
        FieldErrors errors = new FieldErrors();
        if (!p.name().equals(node.name) && Node.count("name", p.name()) > 0) {
            errors.add("name", "A node called " + p.name() + " exists already.");
        }
        if (!region.id.equals(node.region.id) && guests > 0) {
            errors.add("region", "The node holds " + guests + " guests whose servers belong to " + node.region.name
                    + "; move them off before changing its region.");
        }
        long cpu = scaled(p.vcpus(), p.cpuOvercommit());
        if (cpu < n(used[1])) {
            errors.add(p.vcpus() != node.vcpus || p.cpuOvercommit().compareTo(node.cpuOvercommit) == 0 ? "vcpus"
                    : "cpuOvercommit", "Guests hold " + n(used[1]) + " vCPUs; with these values the node would "
                            + "offer only " + cpu + " (vCPUs × CPU overcommit).");
        }
        long memory = scaled(p.memoryMib(), p.memoryOvercommit());
        if (memory < n(used[2])) {
            errors.add(p.memoryMib() != node.memoryMib || p.memoryOvercommit().compareTo(node.memoryOvercommit) == 0
                    ? "memoryMib" : "memoryOvercommit", "Guests hold " + n(used[2]) + " MiB of memory; with these "
                            + "values the node would offer only " + memory + " MiB (memory × memory overcommit).");
        }
        if (p.diskGib() < n(used[3])) {
            errors.add("diskGib", "Guests hold " + n(used[3]) + " GiB of disk; the node cannot offer less.");
        }
        if (p.maxGuests() != null && p.maxGuests() < guests) {
            errors.add("maxGuests", "The node holds " + guests + " guests already; the cap cannot be lower.");
        }
        errors.throwIfAny();
        Map<String, Object> before = settings(node);
        node.name = p.name();
        node.region = region;
        node.vcpus = p.vcpus();
        node.memoryMib = p.memoryMib();
        node.diskGib = p.diskGib();
        node.cpuOvercommit = p.cpuOvercommit();
        node.memoryOvercommit = p.memoryOvercommit();
        node.maxGuests = p.maxGuests();
        audit.changed(actor, new Audit.Entry("node.edit", "node", id, null, node.name, before, settings(node)));
    }

    private static Map<String, Object> settings(Node node) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("name", node.name);
        values.put("region", node.region.code);
        values.put("vcpus", node.vcpus);
        values.put("memoryMib", node.memoryMib);
        values.put("diskGib", node.diskGib);
        values.put("cpuOvercommit", node.cpuOvercommit.toPlainString());
        values.put("memoryOvercommit", node.memoryOvercommit.toPlainString());
        values.put("maxGuests", node.maxGuests);
        return values;
    }

    private static long scaled(long capacity, java.math.BigDecimal overcommit) {
        return java.math.BigDecimal.valueOf(capacity).multiply(overcommit).longValue();
    }

    /** Puts a node in maintenance (no new guests are placed on it) or takes it out again. */
    @Transactional
    public void maintenance(Actor actor, UUID id, boolean on) {
        Node node = Node.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFound("node");
        }
        NodeState before = node.state;
        if (on && node.state == NodeState.MAINTENANCE || !on && node.state != NodeState.MAINTENANCE) {
            return;
        }
        node.state = on ? NodeState.MAINTENANCE : NodeState.ACTIVE;
        audit.changed(actor, new Audit.Entry(on ? "node.maintenance.on" : "node.maintenance.off", "node", id, null,
                node.name, Map.of("state", before.name()), Map.of("state", node.state.name())));
    }

    /**
     * Moves the guests of a node in maintenance to the region's other nodes (offline migration, one job each).
     *
     * @return the guests that are moving; busy ones, ones with snapshots and ones that find no room stay
     */
    @Transactional
    public List<UUID> evacuate(Actor actor, UUID id) {
        List<UUID> moving;
        try {
            moving = migrations.evacuate(id);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new NotFound("node");
        }
        audit.changed(actor, new Audit.Entry("node.evacuate", "node", id, null, moving.size() + " guests moving",
                null, Map.of("moving", moving)));
        return moving;
    }

    /** Adds a region customers can order in. */
    @Transactional
    public UUID addRegion(Actor actor, String code, String name) {
        String c = NodeForm.strip(code);
        String label = NodeForm.strip(name);
        FieldErrors errors = new FieldErrors();
        if (!c.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            errors.add("code", "Give the region a code of lowercase letters, digits and dashes (at most 40).");
        } else if (Region.count("code", c) > 0) {
            errors.add("code", "A region with code " + c + " exists already.");
        }
        if (label.isEmpty() || label.length() > 100) {
            errors.add("regionName", "Give the region a name of 1 to 100 characters.");
        }
        errors.throwIfAny();
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = c;
        region.name = label;
        region.persist();
        audit.changed(actor, new Audit.Entry("region.add", "region", region.id, null, c, null,
                Map.of("code", c, "name", label)));
        return region.id;
    }

    private static Region regionOf(String raw) {
        try {
            Region region = Region.findById(UUID.fromString(NodeForm.strip(raw)));
            if (region != null) {
                return region;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw InvalidInput.of("region", "Choose one of the listed regions.");
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
