package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.TokenScope;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * A server's CD-ROM through the API: the drive and the region's ISOs, insert, boot from CD-ROM, eject, each a job
 * that reaches the node (libvirt's test driver, whose stored definition the test reads back) and an audit entry.
 * Bad input answers 400 naming the field, a read-only member 403, another tenant's server 404; nothing is queued.
 */
@QuarkusTest
class ServerIsoApiTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    IsoLibrary library;

    ApiFixtures.Client alice;
    Fixtures.Catalog catalog;
    UUID server;
    UUID iso;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        alice = api.customer("iso");
        server = servers.order(alice.tenant(), catalog, Fixtures.hostname("iso"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        String file = "t-" + UUID.randomUUID().toString().substring(0, 8) + ".iso";
        iso = library.add(change -> {
        }, new IsoLibrary.AddIso(catalog.region(), "Installer " + file, file, "ab".repeat(32)));
    }

    @Test
    void insertsBootsFromAndEjectsAnIso() throws Exception {
        alice.api().get("/api/v1/servers/" + server + "/iso").then().statusCode(200)
                .body("hasDrive", equalTo(true)).body("iso", nullValue()).body("bootFrom", equalTo("DISK"))
                .body("canChange", equalTo(true)).body("available.id", hasItem(iso.toString()));

        String job = alice.api().contentType("application/json").body("{\"isoId\":\"" + iso + "\"}")
                .put("/api/v1/servers/" + server + "/iso").then().statusCode(202)
                .body("job.kind", equalTo("CDROM_INSERT")).extract().path("job.id");
        awaitJob(job);
        alice.api().get("/api/v1/servers/" + server + "/iso").then().statusCode(200)
                .body("iso.id", equalTo(iso.toString())).body("iso.sha256", equalTo("ab".repeat(32)))
                .body("changing", equalTo(false));
        assertThat(storedXml()).contains("device='cdrom'").contains(fileName());

        job = alice.api().contentType("application/json").body("{\"bootFrom\":\"CDROM\"}")
                .put("/api/v1/servers/" + server + "/boot").then().statusCode(202)
                .body("job.kind", equalTo("BOOT_DEVICE")).extract().path("job.id");
        awaitJob(job);
        alice.api().get("/api/v1/servers/" + server + "/iso").then().body("bootFrom", equalTo("CDROM"));
        assertThat(storedXml()).contains("<boot dev='cdrom'/>");

        job = alice.api().delete("/api/v1/servers/" + server + "/iso").then().statusCode(202)
                .body("job.kind", equalTo("CDROM_EJECT")).extract().path("job.id");
        awaitJob(job);
        alice.api().get("/api/v1/servers/" + server + "/iso").then().body("iso", nullValue())
                .body("bootFrom", equalTo("DISK"));
        assertThat(storedXml()).contains("device='cdrom'").doesNotContain(fileName())
                .doesNotContain("<boot dev='cdrom'/>");
        assertThat(api.rows("audit_event where target_id = '" + server + "' and action in ('server.iso-insert', "
                + "'server.boot-device', 'server.iso-eject') and outcome = 'OK'")).isEqualTo(3);
    }

    @Test
    void badInputNamesTheFieldAndQueuesNothing() {
        long jobs = api.rows("job where guest_id = '" + server + "'");
        put("/iso", "{\"isoId\":\"" + UUID.randomUUID() + "\"}").then().statusCode(400)
                .contentType("application/problem+json").body("errors.isoId", containsString("region"));
        put("/iso", "{\"isoId\":\"not-a-uuid\"}").then().statusCode(400).contentType("application/problem+json");
        put("/boot", "{\"bootFrom\":\"FLOPPY\"}").then().statusCode(400).contentType("application/problem+json");
        put("/boot", "{\"bootFrom\":\"CDROM\"}").then().statusCode(400).body("errors.bootFrom",
                containsString("Insert an ISO first"));
        put("/boot", "{}").then().statusCode(400).body("errors.bootFrom", containsString("DISK or CDROM"));
        alice.api().delete("/api/v1/servers/" + server + "/iso").then().statusCode(400)
                .body("errors.iso", containsString("empty already"));
        // An ISO of another region is not this server's to take.
        Fixtures.TestRegion elsewhere = fixtures.region("iso-" + UUID.randomUUID().toString().substring(0, 6), 1,
                8, 8192, 100, java.math.BigDecimal.ONE);
        UUID foreign = library.add(change -> {
        }, new IsoLibrary.AddIso(elsewhere.region(), "Elsewhere", "elsewhere.iso", "cd".repeat(32)));
        put("/iso", "{\"isoId\":\"" + foreign + "\"}").then().statusCode(400).body("errors.isoId",
                containsString("region"));
        assertThat(api.rows("job where guest_id = '" + server + "'")).isEqualTo(jobs);
    }

    @Test
    void readOnlyMemberAndOtherTenantsAreRefused() {
        String login = "iso-ro-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.member(login, alice.tenant(), MemberRole.READ_ONLY);
        ApiFixtures.Client readOnly = new ApiFixtures.Client(alice.tenant(), login,
                api.token(login, alice.tenant(), TokenScope.WRITE, null));
        ApiFixtures.Client mallory = api.customer("iso-other");
        long jobs = api.rows("job where guest_id = '" + server + "'");

        readOnly.api().get("/api/v1/servers/" + server + "/iso").then().statusCode(200)
                .body("canChange", equalTo(false)).body("refusal", containsString("read-only"));
        readOnly.api().contentType("application/json").body("{\"isoId\":\"" + iso + "\"}")
                .put("/api/v1/servers/" + server + "/iso").then().statusCode(403)
                .contentType("application/problem+json");
        mallory.api().get("/api/v1/servers/" + server + "/iso").then().statusCode(404);
        mallory.api().contentType("application/json").body("{\"isoId\":\"" + iso + "\"}")
                .put("/api/v1/servers/" + server + "/iso").then().statusCode(404);
        mallory.api().contentType("application/json").body("{\"bootFrom\":\"DISK\"}")
                .put("/api/v1/servers/" + server + "/boot").then().statusCode(404);
        mallory.api().delete("/api/v1/servers/" + server + "/iso").then().statusCode(404);
        assertThat(api.rows("job where guest_id = '" + server + "'")).isEqualTo(jobs);
    }

    private io.restassured.response.Response put(String path, String body) {
        return alice.api().contentType("application/json").body(body).put("/api/v1/servers/" + server + path);
    }

    private void awaitJob(String job) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.rows("job where id = '" + job
                + "' and state = 'SUCCEEDED'") == 1);
    }

    private String fileName() {
        return library.list().stream().filter(r -> r.id().equals(iso)).findFirst().orElseThrow().fileName();
    }

    /** The guest's stored definition on the test driver's node, which lives in this JVM. */
    private String storedXml() throws Exception {
        Connect conn = new Connect("test:///default");
        try {
            Domain domain = conn.domainLookupByUUID(server);
            return domain.getXMLDesc(Domain.XMLFlags.INACTIVE);
        } finally {
            conn.close();
        }
    }
}
