package io.innkeeper.portal.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;

@QuarkusTest
class AdminHomeTest {

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "root-admin", roles = "admin")
    void adminSeesNodesAndTenants() {
        fixtures.catalog();
        fixtures.tenantOf("adminhome-reseller", TenantKind.RESELLER, null);
        given().get("/admin").then().statusCode(200)
                .body(containsString("test-node-1"), containsString("test:///default"),
                        containsString("Tenant of adminhome-reseller"), containsString("id=\"attention\""),
                        containsString("failed job"));
    }

    @Test
    @TestSecurity(user = "adminhome-customer", roles = "customer")
    void customerIsRefused() {
        given().get("/admin").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "adminhome-reseller", roles = "reseller")
    void resellerIsRefused() {
        given().get("/admin").then().statusCode(403);
    }
}
