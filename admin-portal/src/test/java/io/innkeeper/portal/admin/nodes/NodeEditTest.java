package io.innkeeper.portal.admin.nodes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.portal.admin.AdminData;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Placement;

@QuarkusTest
@TestSecurity(user = "node-editor", roles = "admin")
class NodeEditTest {

    static final Placement.Need ORDER = new Placement.Need(4, 4096, 50);

    @Inject
    AdminData data;

    @Inject
    Placement placement;

    /** Where an order of {@link #ORDER} would go, read in a transaction of its own (no entity from before). */
    UUID choose(UUID region) {
        return QuarkusTransaction.requiringNew().call(() -> placement.wouldChoose(region, "kvm", ORDER).id);
    }

    static RequestSpecification edit(String name, UUID region, String vcpus, String memory, String disk,
            String cpuRatio, String memoryRatio, String maxGuests) {
        return AdminCsrf.form().formParam("name", name).formParam("region", region.toString())
                .formParam("vcpus", vcpus).formParam("memoryMib", memory).formParam("diskGib", disk)
                .formParam("cpuOvercommit", cpuRatio).formParam("memoryOvercommit", memoryRatio)
                .formParam("maxGuests", maxGuests);
    }

    static String name() {
        return "e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void placementUsesTheEditedCapacity() {
        // the region's only node: 16 vCPUs, 64 GiB, 2000 GiB; an order of 4 vCPUs fits
        UUID region = data.region();
        String name = name();
        UUID node = data.node(region, name, 16, 65536, 2000);
        assertThat(choose(region)).isEqualTo(node);

        edit(name, region, "2", "65536", "2000", "1", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(303);
        assertThatThrownBy(() -> choose(region)).isInstanceOf(NoCapacity.class);

        // 2 vCPUs overcommitted 2.5 times offer 5: the order fits again
        edit(name, region, "2", "65536", "2000", "2.5", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(303);
        assertThat(choose(region)).isEqualTo(node);
        given().get("/admin/nodes/" + node).then().statusCode(200).body(containsString("value=\"2.50\""),
                containsString("max=\"5\""));
        AuditEvent event = AuditEvent.<AuditEvent>find("action = ?1 and targetId = ?2 order by at desc", "node.edit",
                node.toString()).firstResult();
        assertThat(event.beforeState).contains("\"cpuOvercommit\": \"1.00\"");
        assertThat(event.afterState).contains("\"cpuOvercommit\": \"2.5\"").contains("\"vcpus\": 2");
    }

    @Test
    void aGuestCapStopsPlacementThoughResourcesAreLeft() {
        UUID region = data.region();
        String name = name();
        UUID node = data.node(region, name, 64, 262144, 4000);
        data.guest(node, 1, 512, 10);
        data.guest(node, 1, 512, 10);
        edit(name, region, "64", "262144", "4000", "1", "1", "2").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(303);
        assertThatThrownBy(() -> choose(region)).isInstanceOf(NoCapacity.class);
        given().get("/admin/nodes/" + node).then().body(containsString("2 of at most 2"));
        edit(name, region, "64", "262144", "4000", "1", "1", "3").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(303);
        assertThat(choose(region)).isEqualTo(node);
    }

    @Test
    void refusesCapacityBelowWhatGuestsHoldNamingTheField() {
        UUID region = data.region();
        String name = name();
        UUID node = data.node(region, name, 16, 65536, 2000);
        data.guest(node, 8, 32768, 500);
        data.guest(node, 4, 1024, 100);
        edit(name, region, "10", "65536", "2000", "1", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(422).body(containsString("id=\"vcpus-error\""), containsString("Guests hold 12 vCPUs"),
                        containsString("value=\"10\""));
        edit(name, region, "16", "16384", "2000", "1", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(422).body(containsString("id=\"memoryMib-error\""));
        edit(name, region, "16", "65536", "599", "1", "1", "1").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(422).body(containsString("id=\"diskGib-error\""), containsString("id=\"maxGuests-error\""));
        edit(name, region, "16", "65536", "2000", "0.5", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(422).body(containsString("id=\"cpuOvercommit-error\""));
        edit(name, data.region(), "16", "65536", "2000", "1", "1", "").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(422).body(containsString("id=\"region-error\""));
        assertThat(((Number) data.value("select vcpus from node where id = ?1", node)).intValue()).isEqualTo(16);
        assertThat(((Number) data.value("select disk_gib from node where id = ?1", node)).longValue()).isEqualTo(2000);
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "node.edit", node.toString())).isZero();
        // exactly what is held is allowed, and the node may be renamed
        String renamed = name();
        edit(renamed, region, "12", "33792", "600", "1", "1", "2").post("/admin/nodes/" + node + "/edit").then()
                .statusCode(303);
        assertThat(data.value("select name from node where id = ?1", node)).isEqualTo(renamed);
    }
}
