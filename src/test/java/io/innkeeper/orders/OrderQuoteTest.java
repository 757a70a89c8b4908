package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The order dry run: the same answers as an order, and nothing written. */
@QuarkusTest
class OrderQuoteTest {

    private static final Actor ADMIN = new Actor("quote-admin", null, "127.0.0.1", null);

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    PlaceServer placeServer;

    @Inject
    QuotaService quotas;

    @Inject
    Servers servers;

    @Inject
    EntityManager em;

    private static OrderRequest request(Fixtures.Catalog catalog, UUID region) {
        return new OrderRequest(Fixtures.hostname("quote"), region.toString(), catalog.plan().toString(),
                catalog.template().toString());
    }

    @Test
    void fittingOrderIsQuotedWithNodeAndPriceAndNothingIsWritten() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("quote-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        long[] before = footprint(tenant);

        OrderQuote quote = placeServer.quote(new PlaceServer.Command(ADMIN, Scope.of(tenant),
                request(catalog, catalog.region())));

        assertThat(quote.fits()).isTrue();
        assertThat(quote.refusals()).isEmpty();
        assertThat(nodeNames(catalog.region())).contains(quote.node());
        assertThat(quote.hourly().amount()).isEqualByComparingTo("0.005");
        assertThat(quote.hourly().currency().getCurrencyCode()).isEqualTo("EUR");
        assertThat(quote.monthly().amount()).isEqualByComparingTo("3.00");
        assertThat(footprint(tenant)).containsExactly(before);
    }

    @Test
    void overQuotaQuoteGivesTheOrdersRefusal() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("quote-full-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, new QuotaLimits(1, 5, 10_000, 100, 5, 5, null, null, null));
        UUID first = servers.order(tenant, catalog, Fixtures.hostname("quote-first"));
        // Let its create job finish first, so nothing else writes while the footprint is compared.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> servers.status(first) == io.innkeeper.provisioning.guest.GuestStatus.RUNNING);
        long[] before = footprint(tenant);

        OrderQuote quote = placeServer.quote(new PlaceServer.Command(ADMIN, Scope.of(tenant),
                request(catalog, catalog.region())));

        assertThat(quote.fits()).isFalse();
        assertThat(quote.node()).isNull();
        assertThat(quote.refusals().get("plan")).isEqualTo("Your server quota: 1 of 1 in use, this order needs 1.");
        assertThat(quote.hourly().amount()).isEqualByComparingTo("0.005");
        assertThat(footprint(tenant)).containsExactly(before);

        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> orders.order(ADMIN, Scope.of(tenant), request(catalog, catalog.region())));
        assertThat(refused.errors().asMap()).isEqualTo(quote.refusals());
    }

    @Test
    void quoteInAFullRegionNamesTheRegion() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String code = "quote-full-" + UUID.randomUUID().toString().substring(0, 6);
        UUID region = tinyRegion(code);
        UUID tenant = fixtures.customer("quote-region-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        long[] before = footprint(tenant);

        OrderQuote quote = placeServer.quote(new PlaceServer.Command(ADMIN, Scope.of(tenant),
                request(catalog, region)));

        assertThat(quote.fits()).isFalse();
        assertThat(quote.refusals()).containsOnlyKeys("region");
        assertThat(quote.refusals().get("region")).contains("Region " + code).contains("full for this plan");
        assertThat(footprint(tenant)).containsExactly(before);

        InvalidInput refused = catchThrowableOfType(InvalidInput.class,
                () -> orders.order(ADMIN, Scope.of(tenant), request(catalog, region)));
        assertThat(refused.errors().asMap()).isEqualTo(quote.refusals());
    }

    /** A region with one KVM node too small for the test plan (512 MiB). */
    @Transactional
    UUID tinyRegion(String code) {
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = code;
        region.name = "Region " + code;
        region.persist();
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = code + "-node";
        node.guestType = "kvm";
        node.libvirtUri = "test:///default";
        node.vcpus = 4;
        node.memoryMib = 256;
        node.diskGib = 1000;
        node.createdAt = Instant.now();
        node.persist();
        return region.id;
    }

    @Transactional
    List<String> nodeNames(UUID region) {
        return em.createQuery("select n.name from Node n where n.region.id = :r", String.class)
                .setParameter("r", region).getResultList();
    }

    /** Servers, guests, jobs, addresses and audit rows of the tenant. */
    @Transactional
    long[] footprint(UUID tenant) {
        return new long[] { Server.count("tenant.id", tenant),
                count("select count(*) from guest where owner_ref = :t", tenant),
                count("select count(*) from job j join guest g on g.id = j.guest_id where g.owner_ref = :t", tenant),
                count("select count(*) from ip_address a join guest g on g.id = a.guest_id where g.owner_ref = :t",
                        tenant),
                AuditEvent.count("tenantId", tenant) };
    }

    private long count(String sql, UUID tenant) {
        return ((Number) em.createNativeQuery(sql).setParameter("t", tenant).getSingleResult()).longValue();
    }
}
