package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.tenancy.LinkSessionMechanism;

/**
 * A reseller's single sign-on link for its customer: it signs the customer's owner into the customer portal once,
 * expires, is audited, and exists only for the reseller's own customers.
 */
@QuarkusTest
class ApiLoginLinkTest {

    @Inject
    ApiFixtures api;

    private String linkPath(ApiFixtures.Client reseller, UUID customer) {
        String url = reseller.api().post("/api/v1/sub-accounts/" + customer + "/login-link").then().statusCode(201)
                .header("Cache-Control", "no-store").extract().path("url");
        return URI.create(url).getPath();
    }

    @Test
    void linkSignsTheOwnerInOnceAndIsAudited() {
        ApiFixtures.Client reseller = api.reseller("sso-res");
        ApiFixtures.Client customer = api.customerOf(reseller, "sso-cust");
        String url = reseller.api().post("/api/v1/sub-accounts/" + customer.tenant() + "/login-link").then()
                .statusCode(201).body("login", equalTo(customer.login())).extract().path("url");
        String path = URI.create(url).getPath();
        assertThat(path).startsWith("/login-links/ikl_");

        String session = given().redirects().follow(false).get(path).then().statusCode(303)
                .header("Location", endsWith("/dashboard")).header("Cache-Control", "no-store").extract()
                .cookie(LinkSessionMechanism.COOKIE);
        assertThat(session).startsWith("iks_");
        var dashboard = given().cookie(LinkSessionMechanism.COOKIE, session).redirects().follow(false)
                .get("/dashboard").then().statusCode(200).body(containsString(customer.login()))
                .body(containsString("Tenant of " + customer.login())).extract();

        // Single use: the second time it opens nothing.
        assertThat(given().redirects().follow(false).get(path).then().statusCode(410).extract()
                .cookie(LinkSessionMechanism.COOKIE)).isNull();
        assertThat(api.rows("audit_event where action = 'login_link.create' and tenant_id = '" + customer.tenant()
                + "' and actor = '" + reseller.login() + "'")).isEqualTo(1);
        assertThat(api.rows("audit_event where action = 'login_link.use' and tenant_id = '" + customer.tenant()
                + "' and actor = '" + customer.login() + "'")).isEqualTo(1);

        // Signing out ends the session; the cookie then signs nobody in.
        String csrf = dashboard.cookie("csrf-token");
        given().cookie(LinkSessionMechanism.COOKIE, session).cookie("csrf-token", csrf).formParam("csrf-token", csrf)
                .redirects().follow(false).post("/logout").then().statusCode(303)
                .header("Location", endsWith("/signed-out"));
        given().cookie(LinkSessionMechanism.COOKIE, session).redirects().follow(false).get("/dashboard").then()
                .statusCode(not(equalTo(200)));
        assertThat(api.rows("audit_event where action = 'login_link.end' and tenant_id = '" + customer.tenant()
                + "'")).isEqualTo(1);
    }

    @Test
    void expiredLinkOpensNothing() {
        ApiFixtures.Client reseller = api.reseller("sso-exp");
        ApiFixtures.Client customer = api.customerOf(reseller, "sso-exp-c");
        String path = linkPath(reseller, customer.tenant());
        // Two minutes have passed (the expiry moved into the past, as waiting would).
        api.sql("update login_link set expires_at = now() - interval '1 second' where tenant_id = ?1",
                customer.tenant());
        given().redirects().follow(false).get(path).then().statusCode(410)
                .body(containsString("cannot be used"));
        given().redirects().follow(false).get("/login-links/ikl_nonsense").then().statusCode(410);
        assertThat(api.rows("audit_event where action = 'login_link.use' and tenant_id = '" + customer.tenant()
                + "'")).isZero();
    }

    @Test
    void anotherResellersCustomerAndBadInputGetNoLink() {
        ApiFixtures.Client reseller = api.reseller("sso-a");
        ApiFixtures.Client other = api.reseller("sso-b");
        ApiFixtures.Client theirs = api.customerOf(other, "sso-b-c");
        ApiFixtures.Client direct = api.customer("sso-direct");
        ApiFixtures.Client mine = api.customerOf(reseller, "sso-a-c");

        reseller.api().post("/api/v1/sub-accounts/" + theirs.tenant() + "/login-link").then().statusCode(404)
                .contentType("application/problem+json");
        reseller.api().post("/api/v1/sub-accounts/" + direct.tenant() + "/login-link").then().statusCode(404);
        reseller.api().post("/api/v1/sub-accounts/" + UUID.randomUUID() + "/login-link").then().statusCode(404);
        reseller.api().post("/api/v1/sub-accounts/not-an-id/login-link").then().statusCode(404);
        reseller.api().body("{\"for\":\"ever\"}").post("/api/v1/sub-accounts/" + mine.tenant() + "/login-link")
                .then().statusCode(400);
        reseller.api().body("[").post("/api/v1/sub-accounts/" + mine.tenant() + "/login-link").then()
                .statusCode(400);
        // A customer is no reseller: it gets no link, not even for itself.
        mine.api().post("/api/v1/sub-accounts/" + mine.tenant() + "/login-link").then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        assertThat(api.rows("login_link where reseller_id = '" + reseller.tenant() + "'")).isZero();

        // An account that requires two-factor sign-in gets none: a link would go around the second factor.
        api.sql("update tenant set requires_two_factor = true where id = ?1", mine.tenant());
        reseller.api().post("/api/v1/sub-accounts/" + mine.tenant() + "/login-link").then().statusCode(409)
                .contentType("application/problem+json").body("errors", hasKey("account"))
                .body("errors.account", startsWith("The account requires two-factor"));
        assertThat(api.rows("login_link where reseller_id = '" + reseller.tenant() + "'")).isZero();
    }
}
