package io.innkeeper.portal.admin.rescue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.rescue.RescueSystems;
import io.innkeeper.testing.Fixtures;

@QuarkusTest
@TestSecurity(user = "rescue-admin", roles = "admin")
class AdminRescueSystemsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    RescueSystems systems;

    @Test
    void addsEditsAndRemovesRescueSystem() {
        Fixtures.TestRegion region = fixtures.region("rs-" + UUID.randomUUID().toString().substring(0, 6), 1, 10,
                10_000, 100, java.math.BigDecimal.ONE);
        form(region.region(), "SystemRescue", "/srv/rescue/vmlinuz", "/srv/rescue/initrd.img", "console=ttyS0")
                .post("/admin/rescue-systems").then().statusCode(303);
        RescueSystems.RescueRow added = systems.forRegion(region.region()).orElseThrow();
        assertThat(added.kernel()).isEqualTo("/srv/rescue/vmlinuz");
        given().get("/admin/rescue-systems").then().statusCode(200).body(containsString("SystemRescue"),
                containsString("/srv/rescue/initrd.img"));

        form(region.region(), "SystemRescue 2", "/srv/rescue/vmlinuz-2", "/srv/rescue/initrd-2.img",
                "console=ttyS0 quiet").post("/admin/rescue-systems/" + added.id()).then().statusCode(303);
        assertThat(systems.get(added.id()).cmdline()).isEqualTo("console=ttyS0 quiet");
        form(region.region(), "SystemRescue 2", "/srv/a", "/srv/b", "").post("/admin/rescue-systems").then()
                .statusCode(422).body(containsString("id=\"name-error\""), containsString("already"));

        AdminCsrf.form().post("/admin/rescue-systems/" + added.id() + "/delete").then().statusCode(303);
        assertThat(systems.forRegion(region.region())).isEmpty();
        given().get("/admin/rescue-systems").then().body(not(containsString("SystemRescue 2")));
    }

    @Test
    void badFieldsAreNamedAndNothingIsStored() {
        long before = systems.list().size();
        form(null, "x".repeat(101), "relative/vmlinuz", "/srv/../etc/shadow",
                "innkeeper.rescue_hash=$6$x$y").post("/admin/rescue-systems").then().statusCode(422)
                .body(containsString("id=\"region-error\""), containsString("id=\"name-error\""),
                        containsString("id=\"kernel-error\""), containsString("id=\"initrd-error\""),
                        containsString("id=\"cmdline-error\""));
        form(UUID.randomUUID(), "ok", "/srv/k", "/srv/i", "a\tb " + "x".repeat(1000))
                .post("/admin/rescue-systems").then().statusCode(422).body(containsString("id=\"region-error\""),
                        containsString("id=\"cmdline-error\""));
        assertThat(systems.list()).hasSize((int) before);
    }

    private static RequestSpecification form(UUID region, String name, String kernel, String initrd,
            String cmdline) {
        return AdminCsrf.form().formParam("region", region == null ? "" : region.toString()).formParam("name", name)
                .formParam("kernel", kernel).formParam("initrd", initrd).formParam("cmdline", cmdline);
    }
}
