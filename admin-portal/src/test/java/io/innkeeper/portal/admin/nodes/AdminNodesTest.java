package io.innkeeper.portal.admin.nodes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Migrations;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "nodes-admin", roles = "admin")
class AdminNodesTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    Migrations migrations;

    Fixtures.Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
    }

    @Test
    void listsNodesWithCapacityBars() {
        given().get("/admin/nodes").then().statusCode(200)
                .body(containsString("test-node-1"), containsString("<meter min=\"0\" max=\"1000\""),
                        containsString("aria-label=\"Memory in use\""), containsString("Test Region"));
    }

    @Test
    void addsNodeAfterConnectionTest() {
        String name = "added-" + UUID.randomUUID().toString().substring(0, 8);
        AdminForms.node(name, catalog.region(), "test:///default").post("/admin/nodes").then().statusCode(303);
        Node node = find(name);
        assertThat(node).isNotNull();
        assertThat(node.libvirtUri).isEqualTo("test:///default");
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "node.add", node.id.toString())).isEqualTo(1);
        given().get("/admin/nodes/" + node.id).then().statusCode(200).body(containsString(name),
                containsString("Start maintenance"));
    }

    @Test
    void unreachableUriIsRefusedInlineAndNothingIsSaved() {
        String name = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        AdminForms.node(name, catalog.region(), "test:///no/such/node.xml").post("/admin/nodes").then()
                .statusCode(422)
                .body(containsString("id=\"libvirtUri-error\""), containsString("connection test failed"));
        assertThat(find(name)).isNull();
    }

    @Test
    void wrongSchemeAndBadNumbersNameTheirFields() {
        AdminCsrf.form().formParam("name", "").formParam("region", catalog.region().toString())
                .formParam("guestType", "kvm").formParam("libvirtUri", "test:///default").formParam("vcpus", "many")
                .formParam("memoryMib", "1").formParam("diskGib", "-3").post("/admin/nodes").then().statusCode(422)
                .body(containsString("id=\"name-error\""), containsString("id=\"vcpus-error\""),
                        containsString("vCPUs must be a whole number"),
                        containsString("id=\"diskGib-error\""));
        AdminForms.node("scheme-" + UUID.randomUUID().toString().substring(0, 8), catalog.region(), "xen:///system")
                .post("/admin/nodes").then().statusCode(422)
                .body(containsString("id=\"libvirtUri-error\""), containsString("does not suit the guest type"));
    }

    @Test
    void maintenanceGoesOnAndOffWithHtmx() {
        UUID id = node();
        AdminCsrf.form().header("HX-Request", "true").formParam("on", "true")
                .post("/admin/nodes/" + id + "/maintenance").then().statusCode(200)
                .body(containsString("End maintenance"), not(containsString("<html")));
        assertThat(state(id)).isEqualTo(NodeState.MAINTENANCE);
        AdminCsrf.form().formParam("on", "false").post("/admin/nodes/" + id + "/maintenance").then()
                .statusCode(303);
        assertThat(state(id)).isEqualTo(NodeState.ACTIVE);
    }

    @Test
    void showsReconcilerFindings() {
        UUID id = node();
        UUID domain = UUID.randomUUID();
        finding(id, domain);
        given().get("/admin/nodes/" + id).then().statusCode(200)
                .body(containsString("unknown on host"), containsString("stray-domain"),
                        containsString(domain.toString()));
    }

    @Test
    void addsRegionAndExplainsBadCode() {
        String code = "r-" + UUID.randomUUID().toString().substring(0, 8);
        AdminCsrf.form().formParam("code", code).formParam("regionName", "Region " + code)
                .post("/admin/nodes/regions").then().statusCode(303);
        given().get("/admin/nodes").then().body(containsString("Region " + code));
        AdminCsrf.form().formParam("code", "Not A Code").formParam("regionName", "")
                .post("/admin/nodes/regions").then().statusCode(422)
                .body(containsString("id=\"code-error\""), containsString("id=\"regionName-error\""));
    }

    @Test
    void emptiesNodeInMaintenanceByOfflineMigration() {
        UUID tenant = fixtures.customer("evacuee-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("evacuee"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        UUID node = fileNode();
        migrations.migrate(server, node);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING && node.equals(nodeOf(server)));

        AdminCsrf.form().header("HX-Request", "true").post("/admin/nodes/" + node + "/evacuate").then()
                .statusCode(200).body(containsString("in maintenance first"));
        AdminCsrf.form().formParam("on", "true").post("/admin/nodes/" + node + "/maintenance").then().statusCode(303);
        AdminCsrf.form().header("HX-Request", "true").post("/admin/nodes/" + node + "/evacuate").then()
                .statusCode(200).body(containsString("1 server is moving to other nodes."));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING && !node.equals(nodeOf(server)));
    }

    @Transactional
    UUID nodeOf(UUID guest) {
        return em.createQuery("select g.node.id from Guest g where g.id = :id", UUID.class).setParameter("id", guest)
                .getSingleResult();
    }

    /** A node of its own on libvirt's test driver (a node file), so guests moved to it are apart from the rest. */
    private UUID fileNode() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("admin-node", ".xml");
            java.nio.file.Files.writeString(file, """
                    <node>
                      <cpu><mhz>2000</mhz><model>x86_64</model><active>8</active><nodes>1</nodes><sockets>1</sockets>
                        <cores>8</cores><threads>1</threads></cpu>
                      <memory>16777216</memory>
                    </node>
                    """);
            String name = "f-" + UUID.randomUUID().toString().substring(0, 8);
            AdminForms.node(name, catalog.region(), "test://" + file.toAbsolutePath()).post("/admin/nodes").then()
                    .statusCode(303);
            return find(name).id;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private UUID node() {
        String name = "n-" + UUID.randomUUID().toString().substring(0, 8);
        AdminForms.node(name, catalog.region(), "test:///default").post("/admin/nodes").then().statusCode(303);
        return find(name).id;
    }

    @Transactional
    Node find(String name) {
        return Node.<Node>find("name", name).firstResult();
    }

    @Transactional
    NodeState state(UUID id) {
        return Node.<Node>findById(id).state;
    }

    @Transactional
    void finding(UUID node, UUID domain) {
        em.createNativeQuery("insert into reconcile_finding (node_id, kind, domain_name, domain_uuid, power_state, "
                + "detail, first_seen, last_seen) values (:n, 'UNKNOWN_ON_HOST', 'stray-domain', :d, 'RUNNING', "
                + "'Not made by the panel; left alone.', :t, :t)")
                .setParameter("n", node).setParameter("d", domain).setParameter("t", Instant.now())
                .executeUpdate();
    }
}
