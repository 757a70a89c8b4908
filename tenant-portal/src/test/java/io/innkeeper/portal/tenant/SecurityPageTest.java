package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TeamSecurity;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * The Security page and the team's two-factor rule without a browser, the sign-in token's {@code amr} claim made
 * by the test: only an owner changes the rule, and only one who signed in with a code may require it (else their
 * next page would shut them out); each change is audited; a member without a code is kept out of the pages. The
 * real sign-ins are in {@link SignInSecurityBrowserTest}.
 */
@QuarkusTest
class SecurityPageTest {

    private static final String PASSWORD_AND_CODE = "[\"pwd\",\"otp\"]";

    @Inject
    Fixtures fixtures;

    @Inject
    TeamSecurity teamSecurity;

    UUID tenant;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("sigrid");
        fixtures.member("soren", tenant, MemberRole.MEMBER);
        teamSecurity.requireTwoFactor(Actor.SYSTEM, tenant, MemberRole.OWNER, false, true);
    }

    @AfterEach
    void lift() {
        teamSecurity.requireTwoFactor(Actor.SYSTEM, tenant, MemberRole.OWNER, false, true);
    }

    @Test
    @TestSecurity(user = "sigrid", roles = "customer")
    void anOwnerSeesTheRuleAndTheConsoleLinks() {
        given().get("/security").then().statusCode(200)
                .body(containsString("Each person on this account's team chooses"),
                        containsString("/realms/innkeeper/account/account-security/signing-in"),
                        containsString("/realms/innkeeper/account/account-security/device-activity"),
                        containsString("You signed in with your password only"),
                        containsString("Require two-factor sign-in for everyone"));
    }

    @Test
    @TestSecurity(user = "sigrid", roles = "customer")
    void anOwnerWithoutACodeCannotRequireOne() {
        long before = changesBySigrid();
        Csrf.form().formParam("required", "on").post("/security/require-2fa").then().statusCode(422)
                .body(containsString("Sign in with a one-time code yourself first"));
        assertThat(teamSecurity.requiresTwoFactor(tenant)).isFalse();
        assertThat(changesBySigrid()).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "sigrid", roles = "customer")
    @OidcSecurity(claims = @Claim(key = "amr", value = PASSWORD_AND_CODE, type = ClaimType.JSON_ARRAY))
    void anOwnerWithACodeRequiresItAndLiftsIt() {
        long before = changesBySigrid();
        Csrf.form().formParam("required", "on").post("/security/require-2fa").then().statusCode(303);
        assertThat(teamSecurity.requiresTwoFactor(tenant)).isTrue();
        given().get("/security").then().statusCode(200)
                .body(containsString("must sign in with a one-time code"),
                        containsString("You signed in with your password and a one-time code"),
                        containsString("Stop requiring two-factor sign-in"));

        Csrf.form().post("/security/require-2fa").then().statusCode(303);
        assertThat(teamSecurity.requiresTwoFactor(tenant)).isFalse();
        assertThat(changesBySigrid()).isEqualTo(before + 2);
    }

    @Test
    @TestSecurity(user = "soren", roles = "customer")
    void aMemberSeesTheRuleButCannotChangeIt() {
        given().get("/security").then().statusCode(200)
                .body(containsString("Each person on this account's team chooses"),
                        not(containsString("Require two-factor sign-in for everyone")));
        Csrf.form().post("/security/require-2fa").then().statusCode(403);
        Csrf.form().formParam("required", "on").post("/security/require-2fa").then().statusCode(403);
        assertThat(teamSecurity.requiresTwoFactor(tenant)).isFalse();
    }

    @Test
    @TestSecurity(user = "soren", roles = "customer")
    void aMemberWithoutACodeIsKeptOutOnceItIsRequired() {
        given().get("/servers").then().statusCode(200);
        io.restassured.specification.RequestSpecification form = Csrf.form().formParam("name", "laptop");
        teamSecurity.requireTwoFactor(Actor.SYSTEM, tenant, MemberRole.OWNER, true, true);
        for (String page : new String[] { "/servers", "/dashboard", "/team", "/security", "/" }) {
            given().redirects().follow(false).get(page).then().statusCode(303)
                    .header("Location", endsWith("/security/two-factor-required"));
        }
        form.post("/ssh-keys").then().statusCode(303)
                .header("Location", endsWith("/security/two-factor-required"));
        given().get("/security/two-factor-required").then().statusCode(403)
                .body(containsString("This account requires two-factor sign-in"),
                        containsString("/realms/innkeeper/account/account-security/signing-in"));
    }

    @Test
    @TestSecurity(user = "soren", roles = "customer")
    @OidcSecurity(claims = @Claim(key = "amr", value = PASSWORD_AND_CODE, type = ClaimType.JSON_ARRAY))
    void aMemberWithACodeGetsIn() {
        teamSecurity.requireTwoFactor(Actor.SYSTEM, tenant, MemberRole.OWNER, true, true);
        given().get("/servers").then().statusCode(200).body(not(containsString("requires two-factor sign-in")));
    }

    private long changesBySigrid() {
        return AuditEvent.count("action = ?1 and targetId = ?2 and actor = ?3", "tenant.require-2fa",
                tenant.toString(), "sigrid");
    }
}
