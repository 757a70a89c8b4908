package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Many orders at once in one region: no address on two servers, no node past its overcommit, nothing lost. */
@QuarkusTest
class PlacementConcurrencyTest {

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    Servers servers;

    @Inject
    IpPools ipPools;

    @Inject
    EntityManager em;

    @Test
    void hundredOrdersAtOnceKeepAddressesUniqueAndNodesWithinOvercommit() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        String code = "burst-" + UUID.randomUUID().toString().substring(0, 6);
        // Two nodes of 8 vCPUs at 2x overcommit: room for 32 one-vCPU servers; the /26 pool has 61 addresses.
        UUID region = fixtures.region(code, 2, 8, 1_000_000, 100_000, new BigDecimal("2")).region();
        ipPools.createIpv4(region, "192.0.2.0/26", "192.0.2.1");
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tenants.add(fixtures.customer(code + "-t" + i));
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            for (int i = 0; i < 100; i++) {
                UUID tenant = tenants.get(i % tenants.size());
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(
                                Fixtures.hostname("c" + n), region.toString(), catalog.plan().toString(),
                                catalog.template().toString())).server().id;
                    } catch (InvalidInput e) {
                        return e.errors().asMap().toString();
                    }
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : results) {
                out.add(f.get());
            }
            long accepted = out.stream().filter(UUID.class::isInstance).count();
            assertThat(accepted).isEqualTo(32);
            assertThat(out.stream().filter(String.class::isInstance).map(String.class::cast))
                    .hasSize(68).allMatch(m -> m.contains("full for this plan"));
        }
        assertThat(addressesOnTwoServers(region)).isZero();
        assertThat(addressesInRegion(region)).isEqualTo(32);
        assertThat(vcpusPerNode(region)).allMatch(v -> v <= 16);
    }

    @Test
    void releasedAddressRestsBeforeReuse() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String code = "cool-" + UUID.randomUUID().toString().substring(0, 6);
        UUID region = fixtures.region(code, 1, 64, 1_000_000, 100_000, new BigDecimal("2")).region();
        // A /30 has two host addresses; one is the gateway, so exactly one server fits.
        ipPools.createIpv4(region, "192.0.2.64/30", "192.0.2.65");
        UUID tenant = fixtures.customer(code);
        UUID first = orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(Fixtures.hostname("a"),
                region.toString(), catalog.plan().toString(), catalog.template().toString())).server().id;
        assertThat(servers.addresses(first)).containsExactly("192.0.2.66");
        servers.deleteNow(first);

        InvalidInput refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInput.class,
                () -> orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(Fixtures.hostname("b"),
                        region.toString(), catalog.plan().toString(), catalog.template().toString())));
        assertThat(refused.errors().asMap().get("region")).isEqualTo("No IPv4 address is free in this region right now.");
        assertThat(servers.addresses(first)).isEmpty();
    }

    @Transactional
    long addressesOnTwoServers(UUID region) {
        return ((Number) em.createNativeQuery("select count(*) from (select a.address from ip_address a "
                + "join ip_pool p on p.id = a.pool_id where p.region_id = :r and a.guest_id is not null "
                + "group by a.address having count(distinct a.guest_id) > 1) d").setParameter("r", region)
                .getSingleResult()).longValue();
    }

    @Transactional
    long addressesInRegion(UUID region) {
        return ((Number) em.createNativeQuery("select count(distinct a.guest_id) from ip_address a "
                + "join ip_pool p on p.id = a.pool_id where p.region_id = :r and a.guest_id is not null")
                .setParameter("r", region).getSingleResult()).longValue();
    }

    @Transactional
    List<Long> vcpusPerNode(UUID region) {
        return em.createQuery("select coalesce(sum(g.vcpus), 0) from Guest g where g.node.region.id = :r "
                + "and g.status not in (io.innkeeper.provisioning.guest.GuestStatus.DELETED, "
                + "io.innkeeper.provisioning.guest.GuestStatus.FAILED) group by g.node.id", Long.class)
                .setParameter("r", region).getResultList();
    }
}
