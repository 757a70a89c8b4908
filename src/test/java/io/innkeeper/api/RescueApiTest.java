package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.rescue.RescueBoot;
import io.innkeeper.provisioning.rescue.RescueSystems;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantSuspensions;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Rescue mode through the API, with the jobs run by the worker on libvirt's test driver: turning it on answers with
 * a root password once, stores only its hash, and redefines the domain to boot the region's rescue kernel with the
 * server's disk and the hash on the command line; power actions keep it in rescue and changes wait; turning it off
 * puts the normal boot back. Containers, regions without a rescue system, read-only members, suspended accounts and
 * other tenants are refused, each before anything changes.
 */
@QuarkusTest
class RescueApiTest {

    static final String KERNEL = "/var/lib/innkeeper/rescue/vmlinuz";
    static final String INITRD = "/var/lib/innkeeper/rescue/initramfs.img";

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    RescueSystems rescueSystems;

    @Inject
    TenantSuspensions suspensions;

    @Inject
    EntityManager em;

    Fixtures.Catalog catalog;
    ApiFixtures.Client alice;
    UUID server;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        if (rescueSystems.forRegion(catalog.region()).isEmpty()) {
            rescueSystems.save(change -> { }, new RescueSystems.SaveRescueSystem(null, catalog.region(),
                    "A rescue", KERNEL, INITRD, "console=ttyS0"));
        }
        alice = api.customer("rescue");
        server = running(alice.tenant(), catalog);
    }

    private UUID running(UUID tenant, Fixtures.Catalog where) {
        UUID id = servers.order(tenant, where, Fixtures.hostname("rescue"));
        awaitStatus(id, GuestStatus.RUNNING);
        return id;
    }

    private void awaitStatus(UUID id, GuestStatus status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == status);
    }

    @Test
    void rescueBootsTheRegionsSystemWithTheDiskAndShowsThePasswordOnce() throws Exception {
        var on = alice.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(202)
                .header("Cache-Control", "no-store").extract();
        String password = on.path("rootPassword");
        assertThat(password).hasSize(20).matches("[A-Za-z2-9]+");
        assertThat((Boolean) on.path("rescue.active")).isTrue();
        assertThat((String) on.path("rescue.system")).isEqualTo(rescueSystems.forRegion(catalog.region())
                .orElseThrow().name());
        assertThat((String) on.path("job.kind")).isEqualTo("RESCUE_ON");
        awaitStatus(server, GuestStatus.RUNNING);

        String hash = hash(server);
        assertThat(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash)).as("only the hash is kept")
                .isEqualTo(hash);
        assertThat(api.rows("audit_event where target_id = '" + server + "' and action = 'server.rescue-on' "
                + "and outcome = 'OK' and coalesce(detail, '') || coalesce(after_state::text, '') not like '%"
                + password + "%'")).isOne();
        assertThat(api.rows("job where guest_id = '" + server + "' and coalesce(arg, '') || step || "
                + "coalesce(error, '') like '%" + password + "%'")).isZero();
        String xml = domainXml(server);
        assertThat(xml).contains("<kernel>" + KERNEL + "</kernel>").contains("<initrd>" + INITRD + "</initrd>")
                .contains("console=ttyS0 " + RescueBoot.HASH_PARAMETER + "=" + hash).doesNotContain(password)
                .contains("<target dev='vda' bus='virtio'/>");
        alice.api().get("/api/v1/servers/" + server + "/rescue").then().statusCode(200)
                .body("active", org.hamcrest.Matchers.is(true));

        // A second rescue while in rescue is refused; no second password.
        alice.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(400)
                .body("errors.form", org.hamcrest.Matchers.containsString("rescue mode already"));
        assertThat(hash(server)).isEqualTo(hash);

        // A reboot keeps the server in rescue; a reinstall waits until it leaves.
        alice.api().post("/api/v1/servers/" + server + "/actions/reboot").then().statusCode(202);
        awaitStatus(server, GuestStatus.RUNNING);
        assertThat(domainXml(server)).contains(INITRD);
        alice.api().body("{}").post("/api/v1/servers/" + server + "/actions/reinstall").then().statusCode(400)
                .body("errors.template", org.hamcrest.Matchers.containsString("leave rescue mode first"));

        var off = alice.api().delete("/api/v1/servers/" + server + "/rescue").then().statusCode(202).extract();
        assertThat((String) off.path("job.kind")).isEqualTo("RESCUE_OFF");
        assertThat((Boolean) off.path("rescue.active")).isFalse();
        assertThat(hash(server)).as("the hash goes when rescue ends").isNull();
        awaitStatus(server, GuestStatus.RUNNING);
        assertThat(domainXml(server)).doesNotContain(INITRD).doesNotContain(RescueBoot.HASH_PARAMETER);
        alice.api().delete("/api/v1/servers/" + server + "/rescue").then().statusCode(400)
                .body("errors.form", org.hamcrest.Matchers.containsString("not in rescue mode"));
    }

    @Test
    void stoppedServerLeavesRescueAndStaysOff() {
        alice.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(202);
        awaitStatus(server, GuestStatus.RUNNING);
        alice.api().post("/api/v1/servers/" + server + "/actions/stop").then().statusCode(202);
        awaitStatus(server, GuestStatus.STOPPED);
        alice.api().delete("/api/v1/servers/" + server + "/rescue").then().statusCode(202);
        awaitStatus(server, GuestStatus.STOPPED);
        assertThat(hash(server)).isNull();
    }

    @Test
    void containerIsToldToUseTheConsole() {
        Fixtures.TestRegion region = fixtures.region("rescue-ct-" + UUID.randomUUID().toString().substring(0, 6), 1,
                100, 100_000, 1_000, java.math.BigDecimal.ONE);
        UUID ct = running(alice.tenant(), new Fixtures.Catalog(region.region(), region.nodes().get(0), catalog.plan(),
                catalog.template()));
        api.sql("update node set guest_type = 'lxc' where id = ?1", region.nodes().get(0));
        alice.api().post("/api/v1/servers/" + ct + "/rescue").then().statusCode(409)
                .body("errors.server", org.hamcrest.Matchers.containsString("Open the console instead"));
        alice.api().get("/api/v1/servers/" + ct + "/rescue").then().statusCode(200)
                .body("unavailable", org.hamcrest.Matchers.containsString("Containers have no rescue mode"));
        assertThat(hash(ct)).isNull();
        api.sql("update node set guest_type = 'kvm' where id = ?1", region.nodes().get(0));
    }

    @Test
    void regionWithoutRescueSystemSaysSo() {
        Fixtures.TestRegion region = fixtures.region("rescue-none-" + UUID.randomUUID().toString().substring(0, 6), 1,
                100, 100_000, 1_000, java.math.BigDecimal.ONE);
        UUID other = running(alice.tenant(), new Fixtures.Catalog(region.region(), region.nodes().get(0),
                catalog.plan(), catalog.template()));
        alice.api().post("/api/v1/servers/" + other + "/rescue").then().statusCode(409)
                .body("errors.server", org.hamcrest.Matchers.containsString("No rescue system"));
        assertThat(servers.status(other)).isEqualTo(GuestStatus.RUNNING);
    }

    @Test
    void readOnlyMemberSuspendedAccountAndOtherTenantAreRefused() {
        String viewer = "rescue-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.member(viewer, alice.tenant(), MemberRole.READ_ONLY);
        ApiFixtures.Client readOnly = new ApiFixtures.Client(alice.tenant(), viewer,
                api.token(viewer, alice.tenant(), TokenScope.WRITE, null));
        readOnly.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(403);
        assertThat(hash(server)).isNull();

        ApiFixtures.Client bob = api.customer("rescue-other");
        bob.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(404);
        bob.api().get("/api/v1/servers/" + server + "/rescue").then().statusCode(404);
        bob.api().delete("/api/v1/servers/" + server + "/rescue").then().statusCode(404);

        suspensions.suspend(new Actor("admin", null, "127.0.0.1", null), alice.tenant(),
                TenantSuspensions.Kind.ADMIN, "test");
        alice.api().post("/api/v1/servers/" + server + "/rescue").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("suspended"));
        assertThat(hash(server)).isNull();
        assertThat(api.rows("audit_event where target_id = '" + server + "' and action = 'server.rescue-on' "
                + "and outcome = 'REFUSED' and detail like '%suspended%'")).isOne();
    }

    String hash(UUID guest) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select rescue_password_hash from guest where id = ?1").setParameter(1, guest).getSingleResult());
    }

    /** The domain's definition on the test driver, as the worker's redefine left it. */
    private static String domainXml(UUID guest) throws Exception {
        Connect conn = new Connect("test:///default");
        try {
            return conn.domainLookupByUUID(guest).getXMLDesc(0);
        } finally {
            conn.close();
        }
    }
}
