package io.innkeeper.portal.admin.servers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.portal.admin.AdminData;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "move-admin", roles = "admin")
class ServerMoveTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    AdminData data;

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    UUID runningServer() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer(name("mover"));
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("moving"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        return server;
    }

    @Test
    void listsOnlyNodesThatCanTakeItAndShowsEachRefusalInline() {
        UUID region = fixtures.catalog().region();
        UUID server = runningServer();
        String roomy = name("roomy");
        String tiny = name("tiny");
        String lxc = name("lxc");
        UUID roomyNode = data.fileNode(region, roomy, 8, 16384, 100);
        UUID tinyNode = data.node(region, tiny, "kvm", "test:///default", 1, 256, 100);
        UUID lxcNode = data.node(region, lxc, "lxc", "lxc:///system", 64, 65536, 1000);
        try {
            given().get("/admin/servers/" + server).then().statusCode(200)
                    .body(containsString("<option value=\"" + roomyNode + "\">" + roomy),
                            not(containsString(tiny)), not(containsString(lxc)));
            AdminCsrf.form().formParam("target", tinyNode.toString()).post("/admin/servers/" + server + "/move")
                    .then().statusCode(409).body(containsString("id=\"target-error\""),
                            containsString("has no room for this server"));
            AdminCsrf.form().formParam("target", lxcNode.toString()).post("/admin/servers/" + server + "/move")
                    .then().statusCode(409).body(containsString("is not a kvm host"));
            AdminCsrf.form().formParam("target", "").post("/admin/servers/" + server + "/move").then()
                    .statusCode(409).body(containsString("Choose the node to move"));
            data.update("insert into snapshot (id, guest_id, name, created_at, state) values (gen_random_uuid(), ?1, "
                    + "'before-move', now(), 'READY')", server);
            AdminCsrf.form().header("HX-Request", "true").formParam("target", roomyNode.toString())
                    .post("/admin/servers/" + server + "/move").then().statusCode(200)
                    .body(containsString("Snapshots stay with the old host"), not(containsString("<html")));
            assertThat(nodeOf(server)).isEqualTo(fixtures.catalog().node());
            assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
            assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "server.move", server.toString())).isZero();
        } finally {
            data.update("update node set state = 'OFFLINE' where id in (?1, ?2, ?3)", roomyNode, tinyNode,
                    lxcNode);
        }
    }

    @Test
    void movesTheServerToTheChosenNodeThroughTheMigrateJob() {
        UUID region = fixtures.catalog().region();
        UUID server = runningServer();
        String target = name("target");
        UUID targetNode = data.fileNode(region, target, 8, 16384, 100);
        String other = name("other");
        UUID otherNode = data.fileNode(region, other, 64, 262144, 1000);
        try {
            AdminCsrf.form().header("HX-Request", "true").formParam("target", targetNode.toString())
                    .post("/admin/servers/" + server + "/move").then().statusCode(200)
                    .body(containsString("is moving to " + target), containsString("<td>migrate</td>"));
            await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING
                    && targetNode.equals(nodeOf(server)));
            given().get("/admin/servers/" + server).then().statusCode(200)
                    .body(containsString("<td>migrate</td><td>succeeded</td>"), not(containsString("every 2s")));
            AuditEvent event = AuditEvent.<AuditEvent>find("action = ?1 and targetId = ?2", "server.move",
                    server.toString()).firstResult();
            assertThat(event.beforeState).contains("test-node-1");
            assertThat(event.afterState).contains(target);
        } finally {
            data.update("update node set state = 'MAINTENANCE' where id in (?1, ?2)", targetNode,
                    otherNode);
        }
    }

    UUID nodeOf(UUID server) {
        return (UUID) data.value("select node_id from guest where id = ?1", server);
    }
}
