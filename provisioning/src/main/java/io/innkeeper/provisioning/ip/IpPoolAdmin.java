package io.innkeeper.provisioning.ip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.node.Region;

/**
 * The admin's use cases for IP pools: list them with their address counts, see who holds which address, create a
 * pool and change its name, gateway and DNS servers. One transaction each; the addresses themselves are made and
 * handed out by {@link IpPools}.
 */
@ApplicationScoped
public class IpPoolAdmin {

    /** A pool and how many of its addresses guests hold ({@code rows}: how many it has, for IPv4). */
    public record PoolRow(UUID id, String region, int family, String network, String gateway, long used,
            long rows, String name, String dnsServers) {

        /** The pool's name, or its network while it has none. */
        public String label() {
            return name == null ? network : name;
        }

        /** The DNS servers as a form shows them. */
        public String dnsList() {
            return dnsServers.replace(",", ", ");
        }
    }

    /** An address held by a guest, with the guest's hostname and owner (its tenant). */
    public record Held(String address, UUID guestId, String hostname, UUID ownerRef) {
    }

    /** A pool to make; {@code regionId} or {@code family} null when the form sent nothing that could be one. */
    public record CreatePool(UUID regionId, Integer family, String network, String gateway) {
    }

    /** A pool's new name (empty for none), gateway and DNS servers as typed (commas or spaces between them). */
    public record EditPool(UUID pool, String name, String gateway, String dnsServers) {
    }

    private static final String POOLS = """
            select p.id, r.name as region, p.family, text(p.network) as network, host(p.gateway) as gateway,
                   count(a.guest_id) as used, count(a.id) as rows, p.name, p.dns_servers
            from ip_pool p join region r on r.id = p.region_id left join ip_address a on a.pool_id = p.id
            where :id = '' or text(p.id) = :id
            group by p.id, r.name order by r.name, p.family, p.network
            """;

    @Inject
    EntityManager em;

    @Inject
    IpPools pools;

    /** Every pool with its address counts, by region, family and network. */
    @Transactional
    public List<PoolRow> list() {
        return rows(null);
    }

    @Transactional
    public PoolRow get(UUID id) {
        return rows(id).stream().findFirst().orElseThrow(() -> new NotFound("pool"));
    }

    private List<PoolRow> rows(UUID id) {
        List<Tuple> rows = em.createNativeQuery(POOLS, Tuple.class).setParameter("id", id == null ? "" : id.toString())
                .getResultList();
        return rows.stream().map(r -> new PoolRow(r.get("id", UUID.class), r.get("region", String.class),
                r.get("family", Number.class).intValue(), r.get("network", String.class),
                r.get("gateway", String.class), r.get("used", Number.class).longValue(),
                r.get("rows", Number.class).longValue(), r.get("name", String.class),
                r.get("dns_servers", String.class))).toList();
    }

    /** Which guest holds which address of the pool, by address. */
    @Transactional
    public List<Held> held(UUID poolId) {
        List<Tuple> rows = em.createNativeQuery("""
                select host(a.address) as address, g.id, g.hostname, g.owner_ref
                from ip_address a join guest g on g.id = a.guest_id
                where a.pool_id = :pool order by a.address
                """, Tuple.class).setParameter("pool", poolId).getResultList();
        return rows.stream().map(r -> new Held(r.get("address", String.class), r.get("id", UUID.class),
                r.get("hostname", String.class), r.get("owner_ref", UUID.class))).toList();
    }

    /** Makes the pool; each refusal names its field and nothing is saved. */
    @Transactional
    public UUID create(ChangeLog log, CreatePool command) {
        FieldErrors errors = new FieldErrors();
        Region region = command.regionId() == null ? null : Region.findById(command.regionId());
        if (region == null) {
            errors.add("region", "Choose one of the listed regions.");
        }
        Integer family = command.family();
        if (family == null || family != 4 && family != 6) {
            errors.add("family", "Choose IPv4 or IPv6.");
            family = null;
        }
        String network = strip(command.network());
        String gateway = strip(command.gateway());
        if (network.isEmpty()) {
            errors.add("network", "Give the network as address/prefix, e.g. 203.0.113.0/24.");
        }
        if (!gateway.matches(family != null && family == 6 ? "[0-9A-Fa-f:]{2,39}" : "\\d{1,3}(\\.\\d{1,3}){3}")) {
            errors.add("gateway", "Give the gateway as an IPv" + (family == null ? 4 : family)
                    + " address inside the network.");
        }
        if (family != null && family == 4 && IpPools.tooLargeForIpv4(network)) {
            errors.add("network", "An IPv4 pool is at most a /" + IpPools.SMALLEST_V4_PREFIX
                    + "; add several for more.");
        }
        errors.throwIfAny();
        UUID id;
        try {
            id = family == 4 ? pools.createIpv4(region.id, network, gateway)
                    : pools.createIpv6(region.id, network, gateway);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(e.getMessage().contains("gateway") ? "gateway" : "network",
                    capital(e.getMessage()) + ".");
        } catch (PersistenceException e) {
            throw InvalidInput.of("network", "This network overlaps or repeats a pool that exists already.");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("region", region.code);
        after.put("network", network);
        after.put("gateway", gateway);
        log.changed(new ChangeLog.Change("ip-pool.create", "ip-pool", id, null, network, null, after));
        return id;
    }

    /**
     * Renames a pool, moves its gateway and sets its DNS servers (see {@link IpPools#edit}); each refusal names
     * its field and nothing is saved.
     */
    @Transactional
    public void edit(ChangeLog log, EditPool command) {
        PoolRow before = get(command.pool());
        FieldErrors errors = new FieldErrors();
        String name = strip(command.name());
        if (name.length() > 100) {
            errors.add("name", "Give the pool a name of at most 100 characters, or none.");
        }
        List<String> dns = List.of();
        try {
            dns = IpPools.parseDns(command.dnsServers());
        } catch (IllegalArgumentException e) {
            errors.add("dnsServers", "DNS servers: " + e.getMessage() + ".");
        }
        String gateway = strip(command.gateway());
        if (gateway.isEmpty()) {
            errors.add("gateway", "Give the gateway as an IPv" + before.family() + " address inside the network.");
        }
        errors.throwIfAny();
        try {
            pools.edit(command.pool(), new IpPools.Details(name.isEmpty() ? null : name, gateway, dns));
        } catch (IllegalArgumentException e) {
            String[] parts = e.getMessage().split(": ", 2);
            throw InvalidInput.of(parts[0], capital(parts[1]) + ".");
        }
        PoolRow after = get(command.pool());
        log.changed(new ChangeLog.Change("ip-pool.edit", "ip-pool", command.pool(), null, before.network(),
                state(before), state(after)));
    }

    private static Map<String, Object> state(PoolRow pool) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", pool.name());
        state.put("gateway", pool.gateway());
        state.put("dnsServers", pool.dnsServers());
        return state;
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
