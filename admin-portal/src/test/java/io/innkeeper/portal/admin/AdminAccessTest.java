package io.innkeeper.portal.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Routes;
import io.innkeeper.testing.Servers;

/**
 * Only the admin role reaches the admin portal. Every route of every resource in io.innkeeper.portal.admin is found
 * from the classes themselves ({@link Routes}), so a page added later is covered too; a customer and a reseller get
 * 403 on each, with and without {@code HX-Request}, POSTs included (sent with a valid CSRF token, so the answer is the
 * role check's, not the token's). An admin's POST without a valid token changes nothing.
 */
@QuarkusTest
class AdminAccessTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    /**
     * Method and path of every admin route (any HTTP method, found by {@link Routes}), path parameters filled with a
     * random id.
     */
    static List<String[]> routes() {
        List<String[]> routes = new ArrayList<>();
        for (Routes.Route route : Routes.of("io.innkeeper.portal.admin")) {
            routes.add(new String[] { route.method(), route.fill(p -> UUID.randomUUID().toString()),
                    route.multipart() ? "multipart" : "form" });
        }
        return routes;
    }

    @Test
    void findsTheAdminRoutes() {
        assertThat(routes()).extracting(r -> r[0] + " " + r[1].replaceAll("[0-9a-f-]{36}", "ID"))
                .contains("GET /admin", "GET /admin/nodes", "POST /admin/nodes", "POST /admin/nodes/ID/maintenance",
                        "GET /admin/servers", "POST /admin/servers/ID/power-off", "GET /admin/jobs",
                        "POST /admin/jobs/ID/retry", "GET /admin/billing/dunning", "POST /admin/billing/dunning",
                        "POST /admin/nodes/ID/edit", "POST /admin/ip-pools/ID/edit", "GET /admin/servers/ID",
                        "POST /admin/servers/ID/move", "GET /admin/servers/ID/console");
    }

    @Test
    @TestSecurity(user = "access-customer", roles = "customer")
    void customerGetsForbiddenEverywhere() {
        fixtures.customer("access-customer");
        assertThat(refusals()).isEmpty();
        consoleOfAnotherTenantIsRefused();
    }

    @Test
    @TestSecurity(user = "access-reseller", roles = "reseller")
    void resellerGetsForbiddenEverywhere() {
        fixtures.tenantOf("access-reseller", TenantKind.RESELLER, null);
        assertThat(refusals()).isEmpty();
        consoleOfAnotherTenantIsRefused();
    }

    @Test
    @TestSecurity(user = "access-admin", roles = "admin")
    void adminPostWithoutValidTokenChangesNothing() {
        String token = given().get("/admin").then().statusCode(200).extract().cookie(Csrf.COOKIE);
        String code = "csrf-" + UUID.randomUUID().toString().substring(0, 8);
        given().cookie(Csrf.COOKIE, token).formParam(Csrf.FIELD, "forged" + token.substring(6))
                .formParam("code", code).formParam("regionName", "Forged").redirects().follow(false)
                .post("/admin/nodes/regions").then().statusCode(400);
        given().formParam("code", code).formParam("regionName", "No token").redirects().follow(false)
                .post("/admin/nodes/regions").then().statusCode(400);
        given().get("/admin/nodes").then().statusCode(200).body(org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.containsString(code)));
    }

    /**
     * A real server's console, asked for directly as htmx asks for the card: 403, and nothing of the console in the
     * answer.
     */
    private void consoleOfAnotherTenantIsRefused() {
        UUID tenant = fixtures.customer("access-owner-" + UUID.randomUUID().toString().substring(0, 8));
        UUID server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname("access-console"));
        for (boolean htmx : new boolean[] { true, false }) {
            var request = given().redirects().follow(false);
            if (htmx) {
                request = request.header("HX-Request", "true");
            }
            String body = request.get("/admin/servers/" + server + "/console").then().statusCode(403).extract()
                    .asString();
            assertThat(body).doesNotContain("id=\"console").doesNotContain("Read at");
        }
    }

    /** The routes that did not answer 403, with and without {@code HX-Request}, with what they answered instead. */
    private Map<String, Integer> refusals() {
        Map<String, Integer> wrong = new TreeMap<>();
        for (String[] route : routes()) {
            for (boolean htmx : new boolean[] { false, true }) {
                var request = route[0].equals("GET") ? given().redirects().follow(false)
                        : route[2].equals("multipart")
                                ? Csrf.form().multiPart("file", "upload.bin", new byte[] { 'x' })
                                : Csrf.form().formParam("name", "x");
                if (htmx) {
                    request = request.header("HX-Request", "true");
                }
                int status = request.request(route[0], route[1]).statusCode();
                if (status != 403) {
                    wrong.put(route[0] + " " + route[1] + (htmx ? " (htmx)" : ""), status);
                }
            }
        }
        return wrong;
    }
}
