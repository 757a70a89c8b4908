package io.innkeeper.provisioning.node;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.BoundedCall;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriverFactory;
import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * The admin's use cases for nodes and regions: register a node after a connection test, edit its capacity, put it
 * in maintenance, empty it, add a region, and read what each node offers and holds. One transaction each; changes
 * are written to the caller's {@link ChangeLog} in that transaction.
 */
@ApplicationScoped
public class Nodes {

    /** How long the connection test waits for a new node to list its guests. */
    public static final Duration CONNECTION_TEST_LIMIT = Duration.ofSeconds(15);

    /** A node to add; {@code regionId} null when the form named none that could be one. */
    public record RegisterNode(String name, UUID regionId, String guestType, String libvirtUri, int vcpus,
            long memoryMib, long diskGib) {
    }

    /** A node's new name, region, capacity, overcommit and guest cap (null for no cap). */
    public record EditNode(UUID node, String name, UUID regionId, int vcpus, long memoryMib, long diskGib,
            BigDecimal cpuOvercommit, BigDecimal memoryOvercommit, Integer maxGuests) {

        NodeCapacity capacity() {
            return new NodeCapacity(vcpus, cpuOvercommit, memoryMib, memoryOvercommit, diskGib, maxGuests);
        }
    }

    /** A region to add. */
    public record AddRegion(String code, String name) {
    }

    /** A region customers can order in. */
    public record RegionRow(UUID id, String code, String name) {
    }

    /** A node, what it offers (its capacity) and what its live guests hold of it (its load). */
    public record NodeRow(UUID id, String name, UUID regionId, String region, String guestType, String uri,
            NodeState state, NodeCapacity capacity, NodeCapacity.Load load) {
    }

    /** What in provisioning needs an admin: failed jobs, reconciler findings and nodes that are not active. */
    public record Attention(long failedJobs, long findings, long nodesNotActive) {
    }

    @Inject
    EntityManager em;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    Clock clock;

    @Inject
    Migrations migrations;

    /**
     * How one node is doing for the operator's metrics: whether it answered the reconciler last time (an OFFLINE node
     * did not), when its reconcile last finished, and when its live guests were last metered (null when never, or
     * when it has no metered live guest).
     */
    public record NodeFigures(String name, boolean reachable, Instant reconciledAt, Instant meteredAt) {
    }

    /** {@link NodeFigures} of every node, by name. */
    @Transactional
    public List<NodeFigures> figures() {
        List<Tuple> rows = em.createNativeQuery("""
                select n.name, n.state,
                       (select max(r.finished_at) from node_task_run r
                        where r.node_id = n.id and r.task = 'RECONCILE') as reconciled_at,
                       (select max(b.taken_at) from meter_baseline b join guest g on g.id = b.guest_id
                        where g.node_id = n.id and g.status in (:live)) as metered_at
                from node n order by n.name
                """, Tuple.class)
                .setParameter("live", GuestStatus.live().stream().map(Enum::name).toList())
                .getResultList();
        return rows.stream().map(r -> new NodeFigures(r.get("name", String.class),
                NodeState.valueOf(r.get("state", String.class)) != NodeState.OFFLINE,
                instant(r.get("reconciled_at")), instant(r.get("metered_at")))).toList();
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }

    /** Every node by region and name, with its load. */
    @Transactional
    public List<NodeRow> list() {
        return rows(em.createQuery("select n from Node n join fetch n.region r order by r.name, n.name", Node.class)
                .getResultList());
    }

    /** One node with its load, or {@link NotFound}. */
    @Transactional
    public NodeRow get(UUID id) {
        Node node = em.find(Node.class, id);
        if (node == null) {
            throw new NotFound("node");
        }
        return rows(List.of(node)).getFirst();
    }

    private List<NodeRow> rows(List<Node> nodes) {
        Map<UUID, NodeCapacity.Load> loads = Placement.loads(em, nodes.stream().map(n -> n.id).toList());
        return nodes.stream().map(n -> new NodeRow(n.id, n.name, n.region.id, n.region.name, n.guestType,
                n.libvirtUri, n.state, NodeCapacity.of(n), loads.getOrDefault(n.id, NodeCapacity.Load.NONE)))
                .toList();
    }

    @Transactional
    public List<RegionRow> regions() {
        return em.createQuery("select new io.innkeeper.provisioning.node.Nodes$RegionRow(r.id, r.code, r.name) "
                + "from Region r order by r.name", RegionRow.class).getResultList();
    }

    /** The guest types a node may run: one per driver. */
    public Set<String> guestTypes() {
        return new TreeSet<>(drivers.guestTypes());
    }

    @Transactional
    public Attention attention() {
        return new Attention(count("select count(*) from job where state = 'FAILED'"),
                count("select count(*) from reconcile_finding"),
                count("select count(*) from node where state <> 'ACTIVE'"));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql, Long.class).getSingleResult()).longValue();
    }

    /**
     * Saves a node once its driver has connected to it: the URI must suit the guest type, and the node must answer
     * a listing of its guests. Nothing is stored when either fails; the error names the field. The node is asked
     * outside any transaction and within {@link #CONNECTION_TEST_LIMIT}, so a node that hangs holds no database
     * connection; the checks that read the database run again when the node is saved.
     */
    public UUID register(ChangeLog log, RegisterNode command) {
        QuarkusTransaction.requiringNew().run(() -> checkNew(command));
        HypervisorDriverFactory factory;
        try {
            factory = drivers.factory(command.guestType());
        } catch (DriverException.Unsupported e) {
            throw InvalidInput.of("guestType", "There is no driver for guest type " + command.guestType() + ".");
        }
        connectionTest(factory, new NodeSettings(command.libvirtUri()));
        return QuarkusTransaction.requiringNew().call(() -> save(log, command));
    }

    private Region checkNew(RegisterNode command) {
        Region region = region(command.regionId());
        if (Node.count("name", command.name()) > 0) {
            throw InvalidInput.of("name", "A node called " + command.name() + " exists already.");
        }
        return region;
    }

    private UUID save(ChangeLog log, RegisterNode command) {
        Region region = checkNew(command);
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = command.name();
        node.guestType = command.guestType();
        node.libvirtUri = command.libvirtUri();
        node.vcpus = command.vcpus();
        node.memoryMib = command.memoryMib();
        node.diskGib = command.diskGib();
        node.createdAt = clock.instant();
        node.persist();
        log.changed(new ChangeLog.Change("node.add", "node", node.id, null, node.name, null,
                Map.of("name", node.name, "region", region.code, "guestType", node.guestType, "libvirtUri",
                        node.libvirtUri, "vcpus", node.vcpus, "memoryMib", node.memoryMib, "diskGib", node.diskGib)));
        return node.id;
    }

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

    /**
     * Changes a node's name, region, capacity, overcommit and guest cap. The node is locked while what its guests
     * hold is read, so no order lands between the check and the change; what it offers never drops below what its
     * guests hold ({@link NodeCapacity#room}), and a node with guests stays in its region (their servers belong to
     * it).
     */
    @Transactional
    public void edit(ChangeLog log, EditNode command) {
        Node node = Node.findById(command.node(), LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFound("node");
        }
        Region region = region(command.regionId());
        NodeCapacity.Load used = Placement.loads(em, List.of(node.id)).getOrDefault(node.id, NodeCapacity.Load.NONE);
        NodeCapacity.Room room = command.capacity().room(used);
        FieldErrors errors = new FieldErrors();
        if (!command.name().equals(node.name) && Node.count("name", command.name()) > 0) {
            errors.add("name", "A node called " + command.name() + " exists already.");
        }
        if (!region.id.equals(node.region.id) && used.guests() > 0) {
            errors.add("region", "The node holds " + used.guests() + " guests whose servers belong to "
                    + node.region.name + "; move them off before changing its region.");
        }
        if (room.vcpus() < 0) {
            errors.add(command.vcpus() != node.vcpus || command.cpuOvercommit().compareTo(node.cpuOvercommit) == 0
                    ? "vcpus" : "cpuOvercommit", "Guests hold " + used.vcpus() + " vCPUs; with these values the node "
                            + "would offer only " + command.capacity().offeredVcpus() + " (vCPUs × CPU overcommit).");
        }
        if (room.memoryMib() < 0) {
            errors.add(command.memoryMib() != node.memoryMib
                    || command.memoryOvercommit().compareTo(node.memoryOvercommit) == 0 ? "memoryMib"
                            : "memoryOvercommit", "Guests hold " + used.memoryMib() + " MiB of memory; with these "
                                    + "values the node would offer only " + command.capacity().offeredMemoryMib()
                                    + " MiB (memory × memory overcommit).");
        }
        if (room.diskGib() < 0) {
            errors.add("diskGib", "Guests hold " + used.diskGib() + " GiB of disk; the node cannot offer less.");
        }
        if (room.guests() < 0) {
            errors.add("maxGuests", "The node holds " + used.guests() + " guests already; the cap cannot be lower.");
        }
        errors.throwIfAny();
        Map<String, Object> before = settings(node);
        node.name = command.name();
        node.region = region;
        node.vcpus = command.vcpus();
        node.memoryMib = command.memoryMib();
        node.diskGib = command.diskGib();
        node.cpuOvercommit = command.cpuOvercommit();
        node.memoryOvercommit = command.memoryOvercommit();
        node.maxGuests = command.maxGuests();
        log.changed(new ChangeLog.Change("node.edit", "node", node.id, null, node.name, before, settings(node)));
    }

    private static Map<String, Object> settings(Node node) {
        Map<String, Object> values = new LinkedHashMap<>();
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

    /** Puts a node in maintenance (no new guests are placed on it) or takes it out again. */
    @Transactional
    public void maintenance(ChangeLog log, UUID id, boolean on) {
        Node node = Node.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new NotFound("node");
        }
        NodeState before = node.state;
        if (on && node.state == NodeState.MAINTENANCE || !on && node.state != NodeState.MAINTENANCE) {
            return;
        }
        node.state = on ? NodeState.MAINTENANCE : NodeState.ACTIVE;
        log.changed(new ChangeLog.Change(on ? "node.maintenance.on" : "node.maintenance.off", "node", id, null,
                node.name, Map.of("state", before.name()), Map.of("state", node.state.name())));
    }

    /**
     * Moves the guests of a node in maintenance to the region's other nodes (offline migration, one job each).
     *
     * @return the guests that are moving; busy ones, ones with snapshots and ones that find no room stay
     */
    @Transactional
    public List<UUID> evacuate(ChangeLog log, UUID id) {
        List<UUID> moving;
        try {
            moving = migrations.evacuate(id);
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new NotFound("node");
        }
        log.changed(new ChangeLog.Change("node.evacuate", "node", id, null, moving.size() + " guests moving", null,
                Map.of("moving", moving)));
        return moving;
    }

    /** Adds a region customers can order in; its code is in the form {@link io.innkeeper.kernel.Codes} takes. */
    @Transactional
    public UUID addRegion(ChangeLog log, AddRegion command) {
        String code = strip(command.code());
        String name = strip(command.name());
        FieldErrors errors = new FieldErrors();
        Optional<String> badCode = io.innkeeper.kernel.Codes.problem("region", code);
        if (badCode.isPresent()) {
            errors.add("code", badCode.get());
        } else if (Region.count("code", code) > 0) {
            errors.add("code", "A region with code " + code + " exists already.");
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.add("regionName", "Give the region a name of 1 to 100 characters.");
        }
        errors.throwIfAny();
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = code;
        region.name = name;
        region.persist();
        log.changed(new ChangeLog.Change("region.add", "region", region.id, null, code, null,
                Map.of("code", code, "name", name)));
        return region.id;
    }

    private static Region region(UUID id) {
        Region region = id == null ? null : Region.findById(id);
        if (region == null) {
            throw InvalidInput.of("region", "Choose one of the listed regions.");
        }
        return region;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** A node's id and name, to choose it by. */
    public record NodeName(UUID id, String name) {
    }

    /** Every node by name. */
    @Transactional
    public List<NodeName> names() {
        return em.createQuery("select new io.innkeeper.provisioning.node.Nodes$NodeName(n.id, n.name) from Node n "
                + "order by n.name", NodeName.class).getResultList();
    }

    /** The region {@code idOrCode} names, by id or by stable code; else {@link io.innkeeper.kernel.NotFound}. */
    @Transactional
    public RegionRow region(String idOrCode) {
        String value = idOrCode == null ? "" : idOrCode.strip();
        Optional<Region> found = io.innkeeper.kernel.Codes.asId(value).map(id -> Region.<Region>findByIdOptional(id))
                .orElseGet(() -> io.innkeeper.kernel.Codes.valid(value)
                        ? Region.<Region>find("code", value).firstResultOptional()
                        : Optional.empty());
        return found.map(r -> new RegionRow(r.id, r.code, r.name))
                .orElseThrow(() -> new io.innkeeper.kernel.NotFound("region"));
    }

    /** Every region by code: where servers can be ordered. */
    @Transactional
    public List<RegionRow> regionsByCode() {
        return em.createQuery("select new io.innkeeper.provisioning.node.Nodes$RegionRow(r.id, r.code, r.name) "
                + "from Region r order by r.code", RegionRow.class).getResultList();
    }
}
