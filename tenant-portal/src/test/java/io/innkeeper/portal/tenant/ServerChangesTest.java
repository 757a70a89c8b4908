package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Resize, reinstall and snapshots from the server page, with their quota checks. */
@QuarkusTest
@TestSecurity(user = "rosa", roles = "customer")
class ServerChangesTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    PlanCatalog plans;

    UUID tenant;
    UUID server;
    Plan bigger;
    Plan smallerDisk;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        tenant = fixtures.customer("rosa");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 50, 1_000_000, 10_000, 50, 50, null, null, null));
        bigger = plans.publish(Actor.SYSTEM, spec("rz-big", 4, 8192, 80));
        smallerDisk = plans.publish(Actor.SYSTEM, spec("rz-small", 1, 512, 5));
        server = servers.order(tenant, catalog, Fixtures.hostname("change"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    private static PlanSpec spec(String code, int vcpus, int memory, int disk) {
        return new PlanSpec(code, "Plan " + code, "kvm", vcpus, memory, disk, 1000, 1000, null, null, 1024, null,
                new BigDecimal("0.0300"), new BigDecimal("20.00"), "EUR", true);
    }

    private io.restassured.response.ValidatableResponse post(String path, String field, String value) {
        var request = Csrf.form();
        if (field != null) {
            request = request.formParam(field, value);
        }
        return request.post("/servers/" + server + path).then();
    }

    @Test
    void resizeReservesOnlyTheGrowthAndAppliesIt() {
        // Room for exactly the growth: 3 more vCPUs on top of what the tenant runs now.
        long vcpusNow = quotas.usage(java.util.Set.of(tenant)).vcpus();
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, (int) vcpusNow + 3, 1_000_000, 10_000, 50, 50, null,
                null, null));
        post("/resize", "plan", bigger.id.toString()).statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING && guest().vcpus == 4);
        assertThat(guest().memoryMib).isEqualTo(8192);
        given().get("/servers/" + server).then().body(containsString("Plan rz-big"), containsString("Resized"));
    }

    @Test
    void resizeBeyondQuotaIsRefusedWithTheLimit() {
        long vcpusNow = quotas.usage(java.util.Set.of(tenant)).vcpus();
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, (int) vcpusNow + 2, 1_000_000, 10_000, 50, 50, null,
                null, null));
        post("/resize", "plan", bigger.id.toString()).statusCode(422)
                .body(containsString("Your vCPU quota: " + vcpusNow + " of " + (vcpusNow + 2)
                        + " in use, this plan needs 3."));
        assertThat(guest().vcpus).isEqualTo(1);
    }

    @Test
    void diskNeverShrinks() {
        post("/resize", "plan", smallerDisk.id.toString()).statusCode(422)
                .body(containsString("A disk cannot shrink"));
        assertThat(guest().diskGib).isEqualTo(10);
    }

    @Test
    void reinstallKeepsTheAddresses() {
        var before = servers.addresses(server);
        post("/reinstall", null, null).statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING && lastJobSays("Reinstalled"));
        assertThat(servers.addresses(server)).isEqualTo(before).isNotEmpty();
    }

    @Test
    void snapshotsAreTakenRevertedAndDeleted() {
        post("/snapshots", "name", "before-upgrade").statusCode(303);
        await().atMost(SETTLE).until(() -> snapshotState("before-upgrade") == GuestSnapshot.State.READY
                && servers.status(server) == GuestStatus.RUNNING);
        post("/snapshots", "name", "before-upgrade").statusCode(422)
                .body(containsString("already has a snapshot called before-upgrade"));
        post("/snapshots", "name", "bad name!").statusCode(422).body(containsString("A snapshot name has"));

        post("/snapshots/before-upgrade/revert", null, null).statusCode(303);
        await().atMost(SETTLE).until(() -> lastJobSays("Reverted to snapshot before-upgrade"));

        post("/snapshots/before-upgrade/delete", null, null).statusCode(303);
        await().atMost(SETTLE).until(() -> snapshotState("before-upgrade") == null);
    }

    @Test
    void snapshotQuotaIsEnforced() {
        long taken = quotas.usage(java.util.Set.of(tenant)).snapshots();
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 50, 1_000_000, 10_000, 50, (int) taken, null, null,
                null));
        post("/snapshots", "name", "one-too-many").statusCode(422)
                .body(containsString("Your snapshot quota: " + taken + " of " + taken + " in use"));
        assertThat(snapshotState("one-too-many")).isNull();
    }

    @Transactional
    Guest guest() {
        return Guest.findById(server);
    }

    @Transactional
    GuestSnapshot.State snapshotState(String name) {
        return GuestSnapshot.<GuestSnapshot>find("guestId = ?1 and name = ?2", server, name).firstResultOptional()
                .map(s -> s.state).orElse(null);
    }

    @Transactional
    boolean lastJobSays(String step) {
        return io.innkeeper.provisioning.job.Job.recentForGuest(server, 1).get(0).step.equals(step);
    }
}
