package io.innkeeper.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobState;
import io.innkeeper.provisioning.reconcile.NodeReconciler;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Suspending and restoring tenants through the real services, database and (test-driver) job runner. */
@QuarkusTest
class TenantSuspensionsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Actor ADMIN = new Actor("susp-admin", null, "127.0.0.1", null);
    private static final QuotaLimits ROOMY = new QuotaLimits(20, 20, 100_000, 1000, 20, 20, null, null, null);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    OrderService orders;

    @Inject
    TenantSuspensions suspensions;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    NodeReconciler reconciler;

    @Test
    void suspendingPowersOffRunningServersAndRefusesStart() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("susp-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, ROOMY);
        UUID a = servers.order(tenant, catalog, Fixtures.hostname("susp-a"));
        UUID b = servers.order(tenant, catalog, Fixtures.hostname("susp-b"));
        await().atMost(SETTLE).until(() -> servers.status(a) == GuestStatus.RUNNING
                && servers.status(b) == GuestStatus.RUNNING);

        List<UUID> poweredOff = suspensions.suspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN, "Abuse report 42");

        assertThat(poweredOff).containsExactlyInAnyOrder(a, b);
        await().atMost(SETTLE).until(() -> servers.status(a) == GuestStatus.STOPPED
                && servers.status(b) == GuestStatus.STOPPED);
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        TenantSuspensions.Suspension recorded = suspensions.current(tenant).orElseThrow();
        assertThat(recorded.kind()).isEqualTo(TenantSuspensions.Kind.ADMIN);
        assertThat(recorded.reason()).isEqualTo("Abuse report 42");
        assertThat(recorded.by()).isEqualTo("susp-admin");
        assertThat(recorded.at()).isNotNull();

        assertThatThrownBy(() -> orders.power(ADMIN, Scope.of(tenant), a, OrderService.Power.START))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("form"))
                        .startsWith("Your account is suspended, so servers cannot be started."));
        assertThat(servers.status(a)).isEqualTo(GuestStatus.STOPPED);

        AuditEvent event = lastAudit(tenant, "tenant.suspend");
        assertThat(event.actor).isEqualTo("susp-admin");
        assertThat(event.outcome).isEqualTo("OK");
        assertThat(event.beforeState).contains("ACTIVE");
        assertThat(event.afterState).contains("SUSPENDED").contains("Abuse report 42").contains(a.toString());

        // Lifting it leaves the servers off; the customer starts them.
        assertThat(suspensions.unsuspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN)).isTrue();
        assertThat(status(tenant)).isEqualTo(TenantStatus.ACTIVE);
        assertThat(servers.status(a)).isEqualTo(GuestStatus.STOPPED);
        orders.power(ADMIN, Scope.of(tenant), a, OrderService.Power.START);
        await().atMost(SETTLE).until(() -> servers.status(a) == GuestStatus.RUNNING);
    }

    @Test
    void payingLiftsOnlyASuspensionForNonPayment() {
        UUID tenant = fixtures.customer("susp-kind-" + UUID.randomUUID());

        suspensions.suspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN, "Terms violation");
        assertThat(suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT)).isFalse();
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(suspensions.current(tenant).orElseThrow().kind()).isEqualTo(TenantSuspensions.Kind.ADMIN);
        assertThat(suspensions.unsuspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN)).isTrue();
        assertThat(status(tenant)).isEqualTo(TenantStatus.ACTIVE);
        assertThat(suspensions.current(tenant)).isEmpty();

        suspensions.suspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT, "Invoice 7 unpaid");
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT)).isTrue();
        assertThat(status(tenant)).isEqualTo(TenantStatus.ACTIVE);

        // An admin suspension on top of one for non-payment outranks it: paying no longer lifts it.
        suspensions.suspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT, "Invoice 8 unpaid");
        suspensions.suspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN, "Chargeback");
        assertThat(suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT)).isFalse();
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        // ... and a later non-payment suspension does not weaken it.
        suspensions.suspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT, "Invoice 9 unpaid");
        assertThat(suspensions.current(tenant).orElseThrow().reason()).isEqualTo("Chargeback");
        assertThat(suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT)).isFalse();
        assertThat(auditCount(tenant, "tenant.unsuspend")).isEqualTo(2);
    }

    @Test
    void suspendedResellerTakesItsCustomersWithIt() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID reseller = fixtures.tenantOf("susp-res-" + UUID.randomUUID(), TenantKind.RESELLER, null);
        quotas.set(ADMIN, reseller, ROOMY);
        UUID customer = fixtures.tenantOf("susp-cus-" + UUID.randomUUID(), TenantKind.CUSTOMER, reseller);
        quotas.set(ADMIN, customer, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(customer, catalog, Fixtures.hostname("susp-cus"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);

        assertThat(suspensions.suspend(ADMIN, reseller, TenantSuspensions.Kind.NON_PAYMENT, "Invoice unpaid"))
                .contains(server);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);
        assertThat(status(customer)).isEqualTo(TenantStatus.ACTIVE);

        OrderRequest another = new OrderRequest(Fixtures.hostname("susp-cus2"), catalog.region().toString(),
                catalog.plan().toString(), catalog.template().toString());
        assertThatThrownBy(() -> orders.order(ADMIN, Scope.of(customer), another))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("form"))
                        .startsWith("Your reseller's account is suspended; new servers cannot be ordered."));
        assertThatThrownBy(() -> orders.power(ADMIN, Scope.of(customer), server, OrderService.Power.START))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("form"))
                        .startsWith("Your reseller's account is suspended, so servers cannot be started."));
        assertThat(servers.live(customer)).isEqualTo(1);

        assertThat(suspensions.unsuspend(Actor.SYSTEM, reseller, TenantSuspensions.Kind.NON_PAYMENT)).isTrue();
        assertThat(orders.order(ADMIN, Scope.of(customer), another).server()).isNotNull();
    }

    /**
     * Timeline: the order's create job is held by a slow worker (lease 2 s). The tenant is suspended meanwhile:
     * nothing runs yet, so nothing is powered off. The lease runs out, the panel's worker takes the job over and
     * creates the guest, sees the suspension and powers the guest off before recording the job's end.
     */
    @Test
    void guestCreatedAfterSuspensionEndsOff() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("susp-race-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, ROOMY);
        UUID server = servers.orderHeldBy(tenant, catalog, Fixtures.hostname("susp-race"), "slow-worker",
                Duration.ofSeconds(2));

        assertThat(suspensions.suspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN, "Fraud check")).isEmpty();

        await().atMost(SETTLE).until(() -> createJob(server).state == JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.STOPPED);
        assertThat(createJob(server).step).contains("powered off because the account is suspended");
        assertThat(drivers.forNode("kvm", new NodeSettings("test:///default")).powerState(server))
                .isEqualTo(PowerState.SHUT_OFF);
    }

    /**
     * Timeline: a suspended tenant's server is off; someone starts it on the host behind the panel; the next
     * reconcile finds it running and powers it off rather than recording it as running.
     */
    @Test
    void reconcilerPowersOffASuspendedTenantsGuestStartedBehindThePanel() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("susp-rec-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, ROOMY);
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("susp-rec"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        suspensions.suspend(ADMIN, tenant, TenantSuspensions.Kind.ADMIN, "Chargeback");
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);

        drivers.forNode("kvm", new NodeSettings("test:///default")).start(server);
        reconciler.reconcile(catalog.node());

        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED
                && jobs(server, JobKind.POWER_OFF) == 2);
        assertThat(drivers.forNode("kvm", new NodeSettings("test:///default")).powerState(server))
                .isEqualTo(PowerState.SHUT_OFF);
    }

    @Transactional
    long jobs(UUID guest, JobKind kind) {
        return Job.count("guestId = ?1 and kind = ?2 and state = ?3", guest, kind, JobState.SUCCEEDED);
    }

    @Transactional
    Job createJob(UUID guest) {
        return Job.<Job>find("guestId = ?1 and kind = ?2", guest, JobKind.CREATE).firstResult();
    }

    @Transactional
    TenantStatus status(UUID tenant) {
        return Tenant.<Tenant>findById(tenant).status;
    }

    @Transactional
    AuditEvent lastAudit(UUID tenant, String action) {
        return AuditEvent.<AuditEvent>find("tenantId = ?1 and action = ?2 order by at desc", tenant, action)
                .firstResult();
    }

    @Transactional
    long auditCount(UUID tenant, String action) {
        return AuditEvent.count("tenantId = ?1 and action = ?2 and outcome = 'OK'", tenant, action);
    }
}
