package io.innkeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Servers;

/** bin/run's demo data loads into a database that has other data, twice without harm, and carol can order. */
@QuarkusTest
class DemoDataTest {

    @Inject
    DemoData demo;

    @Inject
    QuotaService quotas;

    @Inject
    OrderService orders;

    @Inject
    Servers servers;

    @Test
    void loadsOnceAndItsCustomersCanOrder() {
        demo.load();
        demo.load();

        Membership rita = member("rita", "Rita Hosting Ltd");
        Membership carol = member("carol", "Carol's Bakery");
        assertThat(rita.tenant.kind).isEqualTo(TenantKind.RESELLER);
        assertThat(carol.tenant.parent.id).isEqualTo(rita.tenant.id);
        assertThat(member("dave", "Dave Direct").tenant.parent).isNull();
        assertThat(quotas.limits(rita.tenant.id).vcpus()).isEqualTo(32);
        assertThat(quotas.limits(carol.tenant.id).vcpus()).isEqualTo(8);
        assertThat(count("eu-central")).isEqualTo(1);

        UUID id = orders.order(Actor.SYSTEM, Scope.of(carol.tenant.id), new OrderRequest("demo-check.example.com",
                region("eu-central"), plan("s-1"), template("debian-12"))).server().id;
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id)
                == io.innkeeper.provisioning.guest.GuestStatus.RUNNING);
        assertThat(servers.addresses(id)).singleElement().asString().startsWith("203.0.113.");
    }

    /**
     * The demo's membership of {@code login}: by the demo tenant's name, since other tests in the same database may
     * have made the same login a member of tenants of their own.
     */
    @Transactional
    Membership member(String login, String tenantName) {
        Membership m = Membership.ofLogin(login).stream().filter(x -> x.tenant.name.equals(tenantName))
                .reduce((a, b) -> {
                    throw new AssertionError(login + " is a member of two tenants named " + tenantName);
                }).orElseThrow();
        if (m.tenant.parent != null) {
            m.tenant.parent.id.toString();
        }
        return m;
    }

    @Transactional
    long count(String regionCode) {
        return Region.count("code", regionCode);
    }

    @Transactional
    String region(String code) {
        return Region.<Region>find("code", code).firstResult().id.toString();
    }

    @Transactional
    String plan(String code) {
        return Plan.<Plan>find("code = ?1 and retiredAt is null", code).firstResult().id.toString();
    }

    @Transactional
    String template(String code) {
        return OsTemplate.<OsTemplate>find("code", code).firstResult().id.toString();
    }
}
