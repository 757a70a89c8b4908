package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Csrf;

/** A deployment that switched sign-up off: the welcome page says how to get an account and makes none. */
@QuarkusTest
@TestProfile(SignUpClosedTest.Closed.class)
class SignUpClosedTest {

    public static class Closed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("innkeeper.signup.enabled", "false", "innkeeper.signup.closed",
                    "Ask Example Hosting at sales@example.com for an account.");
        }
    }

    @Test
    @TestSecurity(user = "closed-door@mail.innkeeper.test", roles = "customer")
    void welcomePageSaysHowToGetAnAccountAndCreatesNothing() {
        given().get("/welcome").then().statusCode(200)
                .body(containsString("Ask Example Hosting at sales@example.com"), not(containsString("Create account")));
        Csrf.form().formParam("name", "Sneaky").formParam("country", "DE").formParam("currency", "EUR")
                .formParam("timeZone", "UTC").post("/welcome").then().statusCode(422)
                .body(containsString("Ask Example Hosting at sales@example.com"));
        assertThat(memberships("closed-door@mail.innkeeper.test")).isZero();
    }

    @Transactional
    long memberships(String login) {
        return Membership.count("login", login);
    }
}
