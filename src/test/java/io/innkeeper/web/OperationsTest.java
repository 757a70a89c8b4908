package io.innkeeper.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;

@QuarkusTest
class OperationsTest {

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;

    @Test
    void healthChecksAnswerOnManagementPort() {
        String base = "http://localhost:" + managementPort;
        given().get(base + "/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(base + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void healthIsNotOnThePublicPort() {
        given().redirects().follow(false).get("/q/health/live").then().statusCode(not(equalTo(200)));
    }

    @Test
    void openApiDocumentIsServed() {
        given().get("http://localhost:" + managementPort + "/q/openapi?format=json").then().statusCode(200)
                .body("openapi", matchesPattern("3\\..*")).body("info.title", equalTo("Innkeeper API"));
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200)
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
        given().header(RequestIds.HEADER, "abc-123").get("/signed-out").then().statusCode(200)
                .header(RequestIds.HEADER, equalTo("abc-123"));
        given().header(RequestIds.HEADER, "bad id<script>").get("/signed-out").then()
                .header(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void htmxIsServedFromTheWebjar() {
        given().get("/webjars/htmx.org/dist/htmx.min.js").then().statusCode(200).body(containsString("htmx"));
    }

    @Test
    void anonymousBrowserIsSentToSignIn() {
        given().redirects().follow(false).accept("text/html").get("/servers").then().statusCode(302)
                .header("Location", containsString("/realms/innkeeper/protocol/openid-connect/auth"));
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void adminLandsInAdminPortal() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", containsString("/admin"));
    }

    @Test
    @TestSecurity(user = "ops-admin", roles = "admin")
    void unknownPageShowsReadableNotFound() {
        given().accept("text/html").get("/no/such/page").then().statusCode(404)
                .contentType(containsString("text/html")).body(containsString("Not found"),
                        not(containsString("Exception")));
        given().accept("application/json").get("/no/such/page").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("status", equalTo(404));
    }

    @Test
    @TestSecurity(user = "ops-customer", roles = "customer")
    void customerCannotReachAdminPortal() {
        RestAssured.given().accept("text/html").get("/admin").then().statusCode(403)
                .body(containsString("Access denied"));
    }
}
