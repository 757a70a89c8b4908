package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;

/** Orders against quotas, many at once, through the real service and database. */
@QuarkusTest
class OrderQuotaTest {

    private static final Actor ADMIN = new Actor("quota-admin", null, "127.0.0.1", null);

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    Fixtures.Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
    }

    private OrderRequest request(String hostname, String key) {
        return new OrderRequest(hostname, catalog.region().toString(), catalog.plan().toString(),
                catalog.template().toString(), null, key);
    }

    /** Sends {@code count} orders at once from {@code threads} threads; answers how many were accepted. */
    private List<Object> orderAtOnce(UUID tenant, int count, java.util.function.IntFunction<OrderRequest> order)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return orders.order(new Actor("t", tenant, null, null), Scope.of(tenant), order.apply(n))
                                .server().id;
                    } catch (InvalidInput e) {
                        return e;
                    }
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : results) {
                out.add(f.get());
            }
            return out;
        }
    }

    @Test
    void twoHundredConcurrentOrdersWithRoomForTenLeaveExactlyTen() throws Exception {
        UUID tenant = fixtures.customer("burst-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, new QuotaLimits(10, 100, 1_000_000, 100_000, 100, 10, null, null, null));

        List<Object> results = orderAtOnce(tenant, 200, n -> request(Fixtures.hostname("burst" + n), null));

        long accepted = results.stream().filter(UUID.class::isInstance).count();
        List<InvalidInput> refused = results.stream().filter(InvalidInput.class::isInstance)
                .map(InvalidInput.class::cast).toList();
        assertThat(accepted).isEqualTo(10);
        assertThat(refused).hasSize(190).allSatisfy(e -> assertThat(e.errors().asMap().get("plan"))
                .isEqualTo("Your server quota: 10 of 10 in use, this order needs 1."));
        assertThat(liveServers(tenant)).isEqualTo(10);
        assertThat(refusedOrders(tenant)).isEqualTo(190);
    }

    @Test
    void sameKeySentTwiceAtOnceMakesOneServer() throws Exception {
        UUID tenant = fixtures.customer("idem-" + UUID.randomUUID());
        String hostname = Fixtures.hostname("idem");
        String key = UUID.randomUUID().toString();

        List<Object> results = orderAtOnce(tenant, 2, n -> request(hostname, key));

        assertThat(results).hasSize(2).allMatch(UUID.class::isInstance);
        assertThat(results.get(0)).isEqualTo(results.get(1));
        assertThat(liveServers(tenant)).isEqualTo(1);
    }

    @Test
    void reusedKeyWithAnotherOrderIsRefused() {
        UUID tenant = fixtures.customer("idem2-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        orders.order(ADMIN, Scope.of(tenant), request(Fixtures.hostname("first"), key));
        assertThatThrownBy(() -> orders.order(ADMIN, Scope.of(tenant), request(Fixtures.hostname("second"), key)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsKey("idempotencyKey"));
        assertThat(liveServers(tenant)).isEqualTo(1);
    }

    @Test
    void resellerCannotGiveMoreThanItsPoolAndCustomersTogetherStayWithinIt() throws Exception {
        UUID reseller = fixtures.tenantOf("pool-" + UUID.randomUUID(), TenantKind.RESELLER, null);
        quotas.set(ADMIN, reseller, new QuotaLimits(100, 16, 1_000_000, 100_000, 100, 100, null, null, null));
        UUID a = fixtures.tenantOf("pool-a-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);
        UUID b = fixtures.tenantOf("pool-b-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);

        quotas.set(ADMIN, a, new QuotaLimits(50, 10, 500_000, 50_000, 50, 50, null, null, null));
        assertThatThrownBy(() -> quotas.set(ADMIN, b,
                new QuotaLimits(50, 7, 500_000, 50_000, 50, 50, null, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("vcpus"))
                        .isEqualTo("Reseller pool vCPU: 10 of 16 already given to other customers, this asks 7; at most 6 can be given."));
        quotas.set(ADMIN, b, new QuotaLimits(50, 6, 500_000, 50_000, 50, 50, null, null, null));
        // The pool cannot shrink below what it promised: 10 + 6 = 16.
        assertThatThrownBy(() -> quotas.set(ADMIN, reseller,
                new QuotaLimits(100, 15, 1_000_000, 100_000, 100, 100, null, null, null)))
                .isInstanceOf(InvalidInput.class);

        // Both customers order 1-vCPU servers at once, 12 each: together they must stop at 16.
        List<Object> fromA = new ArrayList<>();
        List<Object> fromB = new ArrayList<>();
        Thread ta = Thread.ofVirtual().start(() -> fromA.addAll(unchecked(() -> orderAtOnce(a, 12,
                n -> request(Fixtures.hostname("a" + n), null)))));
        Thread tb = Thread.ofVirtual().start(() -> fromB.addAll(unchecked(() -> orderAtOnce(b, 12,
                n -> request(Fixtures.hostname("b" + n), null)))));
        ta.join();
        tb.join();
        long acceptedA = fromA.stream().filter(UUID.class::isInstance).count();
        long acceptedB = fromB.stream().filter(UUID.class::isInstance).count();
        assertThat(acceptedA).isEqualTo(10);
        assertThat(acceptedB).isEqualTo(6);
        assertThat(liveVcpus(reseller)).isEqualTo(16);
    }

    @Test
    void quotaChangeIsAuditedWithBeforeAndAfter() {
        UUID tenant = fixtures.customer("audit-" + UUID.randomUUID());
        quotas.set(new Actor("ada", null, "10.1.2.3", "rid-1"), tenant,
                new QuotaLimits(3, 4, 4096, 100, 2, 2, null, null, null));
        AuditEvent event = lastAudit(tenant, "quota.set");
        assertThat(event.actor).isEqualTo("ada");
        assertThat(event.sourceIp).isEqualTo("10.1.2.3");
        assertThat(event.outcome).isEqualTo("OK");
        assertThat(event.beforeState).contains("\"vcpus\": 16");
        assertThat(event.afterState).contains("\"vcpus\": 4");
    }

    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    long liveServers(UUID tenant) {
        return Server.count("tenant.id = ?1 and deletedAt is null", tenant);
    }

    @Transactional
    long liveVcpus(UUID reseller) {
        return quotas.usage(quotas.pool(reseller)).vcpus();
    }

    @Transactional
    long refusedOrders(UUID tenant) {
        return AuditEvent.count("tenantId = ?1 and action = 'server.order' and outcome = 'REFUSED'", tenant);
    }

    @Transactional
    AuditEvent lastAudit(UUID tenant, String action) {
        return AuditEvent.<AuditEvent>find("tenantId = ?1 and action = ?2 order by at desc", tenant, action)
                .firstResult();
    }

    /** The batched reads of a reseller's customer list give, tenant by tenant, what the single reads give. */
    @Test
    void quotasAndUsageReadForManyTenantsAtOnceMatchTheOneByOneReads() {
        UUID reseller = fixtures.tenantOf("each-" + UUID.randomUUID(), TenantKind.RESELLER, null);
        quotas.set(ADMIN, reseller, new QuotaLimits(100, 100, 1_000_000, 100_000, 100, 100, null, null, null));
        UUID withQuota = fixtures.tenantOf("each-a-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);
        quotas.set(ADMIN, withQuota, new QuotaLimits(5, 10, 100_000, 10_000, 5, 5, null, null, null));
        UUID withoutQuota = fixtures.tenantOf("each-b-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);
        UUID direct = fixtures.customer("each-c-" + UUID.randomUUID());
        for (int i = 0; i < 2; i++) {
            orders.order(new Actor("t", withQuota, null, null), Scope.of(withQuota),
                    request(Fixtures.hostname("each"), null));
        }
        List<UUID> ids = List.of(withQuota, withoutQuota, direct, reseller);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            List<io.innkeeper.tenancy.Tenant> tenants = ids.stream()
                    .map(id -> io.innkeeper.tenancy.Tenant.<io.innkeeper.tenancy.Tenant>findById(id)).toList();
            var limits = quotas.limitsEach(tenants);
            var usage = quotas.usageEach(ids);
            for (UUID id : ids) {
                assertThat(limits.get(id)).as("limits of %s", id).isEqualTo(quotas.limits(id));
                assertThat(usage.get(id)).as("usage of %s", id).isEqualTo(quotas.usage(java.util.Set.of(id)));
            }
            assertThat(usage.get(withQuota).servers()).isEqualTo(2);
            assertThat(usage.get(withoutQuota).servers()).isZero();
            assertThat(limits.get(withoutQuota)).isEqualTo(QuotaLimits.zero());
        });
    }
}
