package io.innkeeper.provisioning.ip;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.ProvisioningConfig;

/**
 * Creates pools and hands out addresses. Allocation takes a free row with {@code FOR UPDATE SKIP LOCKED} inside
 * the order's transaction, so concurrent orders take different addresses without waiting on each other, and an
 * order that rolls back gives its address back with it.
 */
@ApplicationScoped
public class IpPools {

    /** The largest IPv4 pool, as a prefix: a /16 already makes 65,534 address rows. */
    public static final int SMALLEST_V4_PREFIX = 16;

    private static final String TAKE_V4 = """
            update ip_address a set guest_id = :guest, assigned_at = now(), released_at = null
            where a.id = (select f.id from ip_address f join ip_pool p on p.id = f.pool_id
                          where p.region_id = :region and p.family = 4 and f.guest_id is null
                            and (f.released_at is null or f.released_at <= now() - make_interval(secs => :cooldown))
                          order by f.released_at nulls first, f.address
                          limit 1
                          for update of f skip locked)
            returning a.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ProvisioningConfig config;

    /** Whether a well-formed IPv4 network is larger than a pool may be; a malformed one is not (it is refused). */
    public static boolean tooLargeForIpv4(String network) {
        try {
            return Cidr.parse(network, 4).prefixLength() < SMALLEST_V4_PREFIX;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Makes an IPv4 pool of every host address in {@code network} except the network, broadcast and gateway. */
    @Transactional
    public UUID createIpv4(UUID regionId, String network, String gateway) {
        Cidr cidr = Cidr.parse(network, 4);
        if (cidr.prefixLength() > 30) {
            throw new IllegalArgumentException("an IPv4 pool needs at least a /30");
        }
        if (cidr.prefixLength() < SMALLEST_V4_PREFIX) {
            throw new IllegalArgumentException("an IPv4 pool is at most a /" + SMALLEST_V4_PREFIX
                    + "; add several for more");
        }
        if (!cidr.contains(gateway)) {
            throw new IllegalArgumentException("the gateway " + gateway + " is outside " + network);
        }
        UUID pool = insertPool(regionId, 4, cidr.toString(), gateway);
        em.createNativeQuery("""
                insert into ip_address (id, pool_id, address)
                select gen_random_uuid(), :pool, host(cast(:network as inet) + g)::inet
                from generate_series(1, :hosts) g
                where cast(:network as inet) + g <> cast(:gateway as inet)
                """)
                .setParameter("pool", pool)
                .setParameter("network", cidr.networkAddress())
                .setParameter("hosts", cidr.size() - 2)
                .setParameter("gateway", gateway)
                .executeUpdate();
        return pool;
    }

    /** Makes an IPv6 pool; guests get addresses from it in order, starting after the gateway. */
    @Transactional
    public UUID createIpv6(UUID regionId, String prefix, String gateway) {
        Cidr cidr = Cidr.parse(prefix, 6);
        if (!cidr.contains(gateway)) {
            throw new IllegalArgumentException("the gateway " + gateway + " is outside " + prefix);
        }
        return insertPool(regionId, 6, cidr.toString(), gateway);
    }

    /** Gives the guest one free IPv4 address of its region, in the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void takeIpv4(UUID regionId, UUID guestId) {
        @SuppressWarnings("unchecked")
        List<UUID> taken = em.createNativeQuery(TAKE_V4, UUID.class)
                .setParameter("guest", guestId)
                .setParameter("region", regionId)
                .setParameter("cooldown", (double) config.ipCooldown().toSeconds())
                .getResultList();
        if (taken.isEmpty()) {
            throw new NoFreeAddress("No IPv4 address is free in this region right now.");
        }
    }

    /** An IPv4 address {@code f} of pool {@code p} that {@link #takeIpv4} may take: free and past its cool-down (?). */
    private static final String FREE_V4 = "p.family = 4 and f.guest_id is null and (f.released_at is null "
            + "or f.released_at <= now() - make_interval(secs => ?))";

    /**
     * For each region with an IPv4 pool, how many of its addresses {@link #takeIpv4} could take now (as
     * {@link #hasFreeIpv4} sees them); a region without an IPv4 pool is absent, its servers need none.
     */
    @Transactional(TxType.SUPPORTS)
    public java.util.Map<UUID, Long> freeIpv4ByRegion() {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (var statement = connection.prepareStatement("select p.region_id, count(f.address) filter (where "
                    + FREE_V4 + ") from ip_pool p left join ip_address f on f.pool_id = p.id where p.family = 4 "
                    + "group by p.region_id")) {
                statement.setDouble(1, (double) config.ipCooldown().toSeconds());
                java.util.Map<UUID, Long> free = new java.util.HashMap<>();
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        free.put(rows.getObject(1, UUID.class), rows.getLong(2));
                    }
                }
                return free;
            }
        });
    }

    /**
     * Whether {@link #takeIpv4} would find an address in the region now: a read-only look at the same conditions (free
     * and past its cool-down), locking and writing nothing. Addresses other orders hold uncommitted count as free.
     */
    @Transactional(TxType.SUPPORTS)
    public boolean hasFreeIpv4(UUID regionId) {
        // Over JDBC on the transaction's connection: addresses change only by SQL statements, never by entities
        // waiting to be flushed, and Hibernate's native query plan cache missed on this query every time.
        return em.unwrap(org.hibernate.Session.class).doReturningWork(connection -> {
            try (var statement = connection.prepareStatement("select exists (select 1 from ip_address f "
                    + "join ip_pool p on p.id = f.pool_id where p.region_id = ? and " + FREE_V4 + ")")) {
                statement.setObject(1, regionId);
                statement.setDouble(2, (double) config.ipCooldown().toSeconds());
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getBoolean(1);
                }
            }
        });
    }

    /**
     * Gives the guest the next IPv6 address of its region, from the first IPv6 pool (oldest first) that has one
     * left: {@link Cidr#nextHost} picks it, inside the prefix and never the gateway. A region without an IPv6 pool
     * gives none; one whose pools are used up refuses with {@link NoFreeAddress}. The pools' rows stay locked to the
     * end of the transaction, so concurrent orders take the next address one after the other, and an order that
     * rolls back leaves the pool's place where it was.
     */
    @Transactional(TxType.MANDATORY)
    public void takeIpv6(UUID regionId, UUID guestId) {
        List<Ipv6Pool> pools = em.createNativeQuery("""
                select id, text(network) as network, host(gateway) as gateway, next_index as last_index
                from ip_pool where region_id = :region and family = 6 order by created_at, id for update
                """, jakarta.persistence.Tuple.class)
                .setParameter("region", regionId)
                .getResultStream()
                .map(row -> Ipv6Pool.of((jakarta.persistence.Tuple) row))
                .toList();
        if (pools.isEmpty()) {
            return;
        }
        for (Ipv6Pool pool : pools) {
            Cidr cidr = Cidr.parse(pool.network(), 6);
            java.util.Optional<BigInteger> next = cidr.nextHost(BigInteger.valueOf(pool.last()),
                    pool.gateway() == null ? null : cidr.index(pool.gateway()));
            if (next.isPresent()) {
                em.createNativeQuery("update ip_pool set next_index = :next where id = :pool")
                        .setParameter("next", next.get().longValueExact())
                        .setParameter("pool", pool.id())
                        .executeUpdate();
                em.createNativeQuery("insert into ip_address (id, pool_id, address, guest_id, assigned_at) "
                        + "values (gen_random_uuid(), :pool, cast(:address as inet), :guest, now())")
                        .setParameter("pool", pool.id())
                        .setParameter("address", cidr.host(next.get()))
                        .setParameter("guest", guestId)
                        .executeUpdate();
                return;
            }
        }
        throw new NoFreeAddress("No IPv6 address is free in this region right now.");
    }

    /** An IPv6 pool as its allocator reads it: {@code last} is the index it handed out (or passed) last. */
    record Ipv6Pool(UUID id, String network, String gateway, long last) {

        static Ipv6Pool of(jakarta.persistence.Tuple row) {
            return new Ipv6Pool(row.get("id", UUID.class), row.get("network", String.class),
                    row.get("gateway", String.class), row.get("last_index", Number.class).longValue());
        }
    }

    /** Frees the guest's addresses; IPv4 ones rest for the cool-down before anyone gets them again. */
    @Transactional(TxType.MANDATORY)
    public void release(UUID guestId) {
        em.createNativeQuery("update ip_address set guest_id = null, released_at = now() where guest_id = :guest")
                .setParameter("guest", guestId)
                .executeUpdate();
    }

    /** The guest's addresses, IPv4 first. */
    public List<Address> addressesOf(UUID guestId) {
        List<Tuple> rows = em.createNativeQuery("""
                select p.family, host(a.address) as address, masklen(p.network) as prefix, host(p.gateway) as gateway,
                       p.dns_servers
                from ip_address a join ip_pool p on p.id = a.pool_id
                where a.guest_id = :guest order by p.family, a.address
                """, Tuple.class)
                .setParameter("guest", guestId)
                .getResultList();
        return rows.stream().map(r -> new Address(r.get("family", Number.class).intValue(),
                r.get("address", String.class), r.get("prefix", Number.class).intValue(),
                r.get("gateway", String.class), dnsList(r.get("dns_servers", String.class)))).toList();
    }

    /** What an admin may change on a pool; its network stays, as its addresses are made from it. */
    public record Details(String name, String gateway, List<String> dnsServers) {
    }

    /**
     * Renames a pool, moves its gateway and sets its DNS servers. The gateway must be a host address of the
     * pool that no server holds: an IPv4 pool gives the old gateway back as an address and takes the new one out;
     * an IPv6 pool takes only an address its allocator has passed, so no server gets it later.
     *
     * @throws IllegalArgumentException naming the field first, as {@code field: message}
     */
    @Transactional(TxType.MANDATORY)
    public void edit(UUID poolId, Details details) {
        Tuple pool = (Tuple) em.createNativeQuery("select family, text(network) as network, host(gateway) as gateway, "
                + "next_index from ip_pool where id = :id for update", Tuple.class).setParameter("id", poolId)
                .getSingleResult();
        int family = pool.get("family", Number.class).intValue();
        Cidr cidr = Cidr.parse(pool.get("network", String.class), family);
        String oldGateway = pool.get("gateway", String.class);
        String gateway;
        try {
            gateway = Cidr.format(new BigInteger(1, Cidr.literal(details.gateway())), cidr.bits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway: " + e.getMessage());
        }
        boolean moved = !new BigInteger(1, Cidr.literal(gateway)).equals(new BigInteger(1, Cidr.literal(oldGateway)));
        if (!cidr.contains(gateway)) {
            throw new IllegalArgumentException("gateway: the gateway " + gateway + " is outside " + cidr);
        }
        BigInteger index = cidr.index(gateway);
        if (index.signum() == 0 || family == 4 && index.longValue() >= cidr.size() - 1) {
            throw new IllegalArgumentException("gateway: " + gateway + " is the network's "
                    + (index.signum() == 0 ? "own" : "broadcast") + " address, not a host address");
        }
        if (moved) {
            @SuppressWarnings("unchecked")
            List<String> holders = em.createNativeQuery("select coalesce(g.hostname, 'a server') from ip_address a "
                    + "left join guest g on g.id = a.guest_id where a.pool_id = :pool "
                    + "and a.address = cast(:gw as inet) and a.guest_id is not null").setParameter("pool", poolId).setParameter("gw", gateway)
                    .getResultList();
            if (!holders.isEmpty()) {
                throw new IllegalArgumentException("gateway: " + gateway + " is held by " + holders.get(0)
                        + "; it cannot become the gateway while a server has it");
            }
            BigInteger next = BigInteger.valueOf(pool.get("next_index", Number.class).longValue());
            if (family == 6 && index.compareTo(next) > 0) {
                throw new IllegalArgumentException("gateway: " + gateway + " would be handed to a server later; "
                        + "choose an address up to " + cidr.host(next));
            }
            em.createNativeQuery("delete from ip_address where pool_id = :pool and address = cast(:gw as inet)")
                    .setParameter("pool", poolId).setParameter("gw", gateway).executeUpdate();
            if (family == 4) {
                em.createNativeQuery("insert into ip_address (id, pool_id, address) values (gen_random_uuid(), "
                        + ":pool, cast(:old as inet)) on conflict do nothing").setParameter("pool", poolId)
                        .setParameter("old", oldGateway).executeUpdate();
            }
        }
        em.createNativeQuery("update ip_pool set name = :name, gateway = cast(:gw as inet), dns_servers = :dns "
                + "where id = :id").setParameter("name", details.name()).setParameter("gw", gateway)
                .setParameter("dns", String.join(",", details.dnsServers())).setParameter("id", poolId)
                .executeUpdate();
    }

    /** DNS servers as typed (commas or spaces between them), each checked as an address literal. */
    public static List<String> parseDns(String typed) {
        List<String> servers = new java.util.ArrayList<>();
        for (String part : (typed == null ? "" : typed).split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            Cidr.literal(part);
            String normal = part.toLowerCase(java.util.Locale.ROOT);
            if (!servers.contains(normal)) {
                servers.add(normal);
            }
        }
        if (servers.size() > 4) {
            throw new IllegalArgumentException("give at most 4 DNS servers");
        }
        return List.copyOf(servers);
    }

    static List<String> dnsList(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(","));
    }

    private UUID insertPool(UUID regionId, int family, String network, String gateway) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into ip_pool (id, region_id, family, network, gateway, created_at) "
                + "values (:id, :region, :family, cast(:network as cidr), cast(:gateway as inet), :at)")
                .setParameter("id", id)
                .setParameter("region", regionId)
                .setParameter("family", family)
                .setParameter("network", network)
                .setParameter("gateway", gateway)
                .setParameter("at", clock.instant())
                .executeUpdate();
        return id;
    }

    /** A parsed network; plain Java so the rules are testable without a database. */
    record Cidr(BigInteger network, int prefixLength, int bits) {

        static Cidr parse(String text, int family) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("write the network as address/prefix, for example "
                        + (family == 4 ? "203.0.113.0/24" : "2001:db8::/48"));
            }
            byte[] bytes = literal(parts[0]);
            int bits = bytes.length * 8;
            if ((family == 4) != (bits == 32)) {
                throw new IllegalArgumentException(parts[0] + " is not an IPv" + family + " address");
            }
            int prefix;
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the prefix length must be a number");
            }
            if (prefix < 8 || prefix > bits) {
                throw new IllegalArgumentException("the prefix length must be between 8 and " + bits);
            }
            BigInteger value = new BigInteger(1, bytes);
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            if (!value.and(hostMask).equals(BigInteger.ZERO)) {
                throw new IllegalArgumentException(text + " has host bits set; did you mean "
                        + format(value.andNot(hostMask), bits) + "/" + prefix + "?");
            }
            return new Cidr(value, prefix, bits);
        }

        long size() {
            return 1L << Math.min(bits - prefixLength, 62);
        }

        boolean contains(String address) {
            byte[] bytes = literal(address);
            if (bytes.length * 8 != bits) {
                return false;
            }
            return new BigInteger(1, bytes).shiftRight(bits - prefixLength).equals(network.shiftRight(bits
                    - prefixLength));
        }

        /** How many addresses the network spans, the network's own address among them. */
        BigInteger span() {
            return BigInteger.ONE.shiftLeft(bits - prefixLength);
        }

        /**
         * The allocator's next host index after {@code last}, the one it handed out (or passed) last: the next one
         * inside the network that is neither the network's own address (index 0; for IPv6 the subnet-router
         * anycast address) nor the gateway's index (null for none). Empty when the network has none left: an
         * index past the end would be an address of the next network.
         */
        java.util.Optional<BigInteger> nextHost(BigInteger last, BigInteger gateway) {
            BigInteger next = last.add(BigInteger.ONE).max(BigInteger.ONE);
            if (next.equals(gateway)) {
                next = next.add(BigInteger.ONE);
            }
            return next.compareTo(span()) < 0 ? java.util.Optional.of(next) : java.util.Optional.empty();
        }

        String networkAddress() {
            return format(network, bits);
        }

        /** The address's offset from the network address; the address must be inside. */
        BigInteger index(String address) {
            return new BigInteger(1, literal(address)).subtract(network);
        }

        String host(BigInteger index) {
            return format(network.add(index), bits);
        }

        @Override
        public String toString() {
            return networkAddress() + "/" + prefixLength;
        }

        private static byte[] literal(String text) {
            String s = text.strip();
            // Only literals reach InetAddress, so it never looks a name up in DNS.
            if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(s.contains(":") && s.matches("[0-9a-fA-F:.]+"))) {
                throw new IllegalArgumentException(text + " is not an IP address");
            }
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(text + " is not an IP address");
            }
        }

        private static String format(BigInteger value, int bits) {
            byte[] raw = value.toByteArray();
            byte[] bytes = new byte[bits / 8];
            int copy = Math.min(raw.length, bytes.length);
            System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
