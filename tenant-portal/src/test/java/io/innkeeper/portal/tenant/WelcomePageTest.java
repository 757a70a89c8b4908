package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/** The welcome page a login without an account lands on: asked once, inline messages, never twice. */
@QuarkusTest
class WelcomePageTest {

    @Inject
    Fixtures fixtures;

    @Test
    @TestSecurity(user = "welcome-new@mail.innkeeper.test", roles = "customer")
    void aLoginWithoutAnAccountIsWelcomedAndBecomesTheOwnerOfTheAccountItMakes() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/welcome"));
        String page = given().get("/welcome").then().statusCode(200).body(containsString("Account name"),
                containsString("Europe/Berlin"), containsString("value=\"DE\"")).extract().asString();
        Labels.assertEveryFieldLabelled(page);

        Csrf.form().formParam("name", "Welcome Works").formParam("country", "NL").formParam("currency", "EUR")
                .formParam("timeZone", "Europe/Amsterdam").redirects().follow(false).post("/welcome").then()
                .statusCode(303).header("Location", endsWith(Links.DASHBOARD));
        assertThat(owner("welcome-new@mail.innkeeper.test")).isEqualTo("Welcome Works");
        given().get("/dashboard").then().statusCode(200).body(containsString("Welcome Works"));
        given().redirects().follow(false).get("/welcome").then().statusCode(303)
                .header("Location", endsWith(Links.DASHBOARD));
    }

    @Test
    @TestSecurity(user = "welcome-bad@mail.innkeeper.test", roles = "customer")
    void badInputIsToldInlineAndStoresNothing() {
        long before = tenants();
        Csrf.form().formParam("name", "x".repeat(10_000)).formParam("country", "DE").formParam("currency", "EUR")
                .formParam("timeZone", "UTC").post("/welcome").then().statusCode(422)
                .body(containsString("At most 200 characters"), containsString("aria-invalid=\"true\""));
        Csrf.form().formParam("name", "").formParam("country", "QQ").formParam("currency", "DOGE")
                .formParam("timeZone", "Moon/Base").post("/welcome").then().statusCode(422)
                .body(containsString("Enter the account&#39;s name"), containsString("Choose a country"),
                        containsString("Choose one of the currencies offered"), containsString("Choose a time zone"));
        given().contentType("application/x-www-form-urlencoded").formParam("name", "Forged")
                .formParam("country", "DE").formParam("currency", "EUR").formParam("timeZone", "UTC")
                .post("/welcome").then().statusCode(not(303));
        assertThat(tenants()).isEqualTo(before);
        assertThat(owner("welcome-bad@mail.innkeeper.test")).isNull();
    }

    @Test
    @TestSecurity(user = "welcome-member", roles = "customer")
    void aLoginWithAnAccountNeverSeesTheForm() {
        fixtures.customer("welcome-member");
        given().redirects().follow(false).get("/welcome").then().statusCode(303)
                .header("Location", endsWith(Links.DASHBOARD));
        long before = tenants();
        Csrf.form().formParam("name", "Another").formParam("country", "DE").formParam("currency", "EUR")
                .formParam("timeZone", "UTC").redirects().follow(false).post("/welcome").then().statusCode(303)
                .header("Location", endsWith(Links.DASHBOARD));
        assertThat(tenants()).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "welcome-admin", roles = "admin")
    void anAdminGoesToTheAdminPortal() {
        given().redirects().follow(false).get("/welcome").then().statusCode(303).header("Location", endsWith("/admin"));
    }

    @Transactional
    String owner(String login) {
        return Membership.<Membership>find("login = ?1 and role = ?2", login, MemberRole.OWNER).firstResultOptional()
                .map(m -> m.tenant.name).orElse(null);
    }

    @Transactional
    long tenants() {
        return Tenant.count();
    }
}
