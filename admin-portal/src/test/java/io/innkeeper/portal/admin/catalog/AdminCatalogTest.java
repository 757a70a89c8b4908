package io.innkeeper.portal.admin.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.ip.IpPool;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "catalog-admin", roles = "admin")
class AdminCatalogTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    Fixtures.Catalog catalog;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
    }

    @Test
    void createsPlanAndEditMakesNewVersion() {
        String code = "p-" + UUID.randomUUID().toString().substring(0, 6);
        plan(code, "2").post("/admin/plans").then().statusCode(303);
        given().get("/admin/plans").then().statusCode(200).body(containsString(code), containsString("v1"));
        plan(code, "4").post("/admin/plans/" + code).then().statusCode(303);
        assertThat(current(code).version).isEqualTo(2);
        assertThat(current(code).vcpus).isEqualTo(4);
        given().get("/admin/plans/" + code).then().statusCode(200).body(containsString("Publish new version"),
                containsString("v1"), containsString("v2"));
        plan(code, "2").post("/admin/plans").then().statusCode(422).body(containsString("exists already"));
    }

    @Test
    void badPlanFieldsAreNamed() {
        AdminCsrf.form().formParam("code", "Bad Code").formParam("name", "").formParam("guestTypes", "vmware")
                .formParam("vcpus", "0").formParam("hourlyPrice", "0.00001").formParam("currency", "euro")
                .post("/admin/plans").then().statusCode(422)
                .body(containsString("id=\"code-error\""), containsString("id=\"name-error\""),
                        containsString("id=\"guestTypes-error\""), containsString("id=\"vcpus-error\""),
                        containsString("id=\"hourlyPrice-error\""), containsString("id=\"currency-error\""));
    }

    @Test
    void retiresPlanFromSale() {
        String code = "r-" + UUID.randomUUID().toString().substring(0, 6);
        plan(code, "1").post("/admin/plans").then().statusCode(303);
        AdminCsrf.form().post("/admin/plans/" + code + "/retire").then().statusCode(303);
        assertThat(current(code).onSale).isFalse();
        given().get("/admin/plans").then().body(containsString("retired from sale"));
    }

    @Test
    void createsPoolAndShowsWhoHoldsWhichAddress() {
        UUID tenant = fixtures.customer("pool-owner-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        String host = Fixtures.hostname("pooled");
        servers.order(tenant, catalog, host);
        UUID pool = poolOf(catalog.region());
        given().get("/admin/ip-pools/" + pool).then().statusCode(200).body(containsString(host));

        int third = 1 + (int) (Math.random() * 250);
        String net = "10." + third + ".0.0/24";
        AdminCsrf.form().formParam("region", catalog.region().toString()).formParam("family", "4")
                .formParam("network", net).formParam("gateway", "10." + third + ".0.1").post("/admin/ip-pools")
                .then().statusCode(303);
        given().get("/admin/ip-pools").then().body(containsString(net));
        AdminCsrf.form().formParam("region", catalog.region().toString()).formParam("family", "4")
                .formParam("network", net).formParam("gateway", "10." + third + ".0.1").post("/admin/ip-pools")
                .then().statusCode(422).body(containsString("id=\"network-error\""));
        AdminCsrf.form().formParam("region", catalog.region().toString()).formParam("family", "4")
                .formParam("network", "10.250.0.0/24").formParam("gateway", "10.99.0.1").post("/admin/ip-pools")
                .then().statusCode(422).body(containsString("id=\"gateway-error\""), containsString("outside"));
        AdminCsrf.form().formParam("region", "").formParam("family", "4").formParam("network", "10.0.0.0/8")
                .formParam("gateway", "10.0.0.1").post("/admin/ip-pools").then().statusCode(422)
                .body(containsString("id=\"region-error\""), containsString("at most a /16"));
        AdminCsrf.form().formParam("region", catalog.region().toString()).formParam("family", "4")
                .formParam("network", "10.0.0.0/99999999999").formParam("gateway", "10.0.0.1")
                .post("/admin/ip-pools").then().statusCode(422).body(containsString("id=\"network-error\""));
    }

    @Test
    void createsAndEditsTemplate() {
        String code = "os-" + UUID.randomUUID().toString().substring(0, 6);
        AdminCsrf.form().formParam("code", code).formParam("name", "Alma 9").formParam("guestTypes", "kvm,xen")
                .formParam("image", "alma-9.qcow2").formParam("onSale", "true").post("/admin/templates").then()
                .statusCode(303);
        UUID id = template(code).id;
        AdminCsrf.form().formParam("name", "AlmaLinux 9").formParam("guestTypes", "kvm")
                .formParam("image", "alma-9.1.qcow2").post("/admin/templates/" + id).then().statusCode(303);
        OsTemplate edited = template(code);
        assertThat(edited.name).isEqualTo("AlmaLinux 9");
        assertThat(edited.onSale).isFalse();
        AdminCsrf.form().formParam("name", "").formParam("guestTypes", "kvm").formParam("image", "../etc/passwd")
                .post("/admin/templates/" + id).then().statusCode(422)
                .body(containsString("id=\"name-error\""), containsString("id=\"image-error\""));
    }

    private static RequestSpecification plan(String code, String vcpus) {
        return AdminCsrf.form().formParam("code", code).formParam("name", "Plan " + code)
                .formParam("guestTypes", "kvm").formParam("vcpus", vcpus).formParam("memoryMib", "2048")
                .formParam("diskGib", "40").formParam("trafficGb", "1000").formParam("portMbit", "1000")
                .formParam("cpuShares", "1024").formParam("hourlyPrice", "0.0100").formParam("monthlyCap", "6.00")
                .formParam("currency", "EUR").formParam("onSale", "true");
    }

    @Transactional
    Plan current(String code) {
        return Plan.<Plan>find("code = ?1 and retiredAt is null", code).firstResult();
    }

    @Transactional
    UUID poolOf(UUID region) {
        return IpPool.<IpPool>find("region.id = ?1 and family = 4 order by createdAt", region).firstResult().id;
    }

    @Transactional
    OsTemplate template(String code) {
        return OsTemplate.<OsTemplate>find("code", code).firstResult();
    }
}
