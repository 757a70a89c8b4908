package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.libvirt.LibvirtConnections;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The plan's limits reach the guest's domain on the host, not just the page. */
@QuarkusTest
class PlanLimitsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    PlanCatalog plans;

    @Inject
    OrderService orders;

    @Inject
    Servers servers;

    @Inject
    LibvirtConnections libvirt;

    @Test
    void planLimitsAreWrittenIntoTheDomain() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String code = "lim-" + UUID.randomUUID().toString().substring(0, 6);
        // 2 vCPUs, 50 % cap, weight 512, 800 IOPS, 100 MB/s, 100 Mbit/s port.
        Plan plan = plans.publish(Actor.SYSTEM, new PlanSpec(code, "Limited", "kvm", 2, 2048, 20, 1000, 100, 800, 100,
                512, 50, new BigDecimal("0.0100"), new BigDecimal("7.00"), "EUR", true));
        UUID tenant = fixtures.customer("limits-" + code);
        UUID id = orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(Fixtures.hostname("lim"),
                catalog.region().toString(), plan.id.toString(), catalog.template().toString())).server().id;
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == GuestStatus.RUNNING);

        String xml = libvirt.with("test:///default", c -> c.domainLookupByUUID(id).getXMLDesc(0));
        assertThat(xml).contains("<shares>512</shares>", "<period>100000</period>", "<quota>50000</quota>",
                "<total_iops_sec>800</total_iops_sec>", "<total_bytes_sec>100000000</total_bytes_sec>",
                "average='12207'", "<vcpu placement='static'>2</vcpu>");
    }
}
