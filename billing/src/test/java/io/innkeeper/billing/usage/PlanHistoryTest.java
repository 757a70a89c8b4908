package io.innkeeper.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.BillingInputs;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.rating.ServerLife;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.catalog.Plan;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The core's resize path records the plan change that billing splits the month at. */
@QuarkusTest
class PlanHistoryTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    PlanCatalog plans;

    @Inject
    BillingInputs inputs;

    @Inject
    BillingData data;

    @Test
    void resizeRecordsThePlanChange() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("plan-history");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 50, 1_000_000, 10_000, 50, 50, null, null, null));
        Plan bigger = plans.publish(Actor.SYSTEM, new PlanSpec("ph-big", "Plan ph-big", "kvm", 2, 1024, 20, 1000,
                1000, null, null, 1024, null, new BigDecimal("0.0300"), new BigDecimal("20.00"), "EUR", true));
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("ph"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        Instant before = Instant.now();
        orders.resize(Actor.SYSTEM, Scope.of(tenant), server, bigger.id.toString());

        assertThat(data.sum("select count(*) from server_plan_change where server_id = ?1 and from_plan = ?2 "
                + "and to_plan = ?3 and changed_at >= ?4", server, catalog.plan(), bigger.id, before)).isEqualTo(1);
        ServerLife life = QuarkusTransaction.requiringNew()
                .call(() -> inputs.load(tenant, BillingMonth.of(Instant.now(), ZoneOffset.UTC))).servers().stream()
                .filter(s -> s.serverId().equals(server)).findFirst().orElseThrow();
        assertThat(life.plans()).extracting(p -> p.plan().planId()).containsExactly(catalog.plan(), bigger.id);
    }
}
