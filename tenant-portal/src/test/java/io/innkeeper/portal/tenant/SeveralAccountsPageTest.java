package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.AccountChoice;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.tenancy.Memberships;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * One login in two accounts (h3-pat owns "Tenant of h3-pat" and is a member of h3-quinn's): every page shows one
 * account's servers, the oldest until another is chosen; the header's switcher changes it; a cookie or a switch
 * naming an account the login is not in is never honoured; losing the membership in use falls back to the other.
 */
@QuarkusTest
class SeveralAccountsPageTest {

    static final String PAT = "h3-pat";

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    Memberships memberships;

    UUID own;
    UUID other;
    UUID foreign;
    UUID ownServer;
    String ownHost;
    String otherHost;
    String foreignHost;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        own = fixtures.customer(PAT);
        other = fixtures.customer("h3-quinn");
        foreign = fixtures.customer("h3-oscar");
        for (UUID t : new UUID[] { own, other, foreign }) {
            quotas.set(Actor.SYSTEM, t, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        }
        leave(PAT, other);
        leave("h3-oscar", other);
        memberships.add(Actor.SYSTEM, MemberRole.OWNER, other, PAT, "MEMBER");
        ownHost = Fixtures.hostname("pat-own");
        otherHost = Fixtures.hostname("pat-other");
        foreignHost = Fixtures.hostname("oscar");
        ownServer = servers.order(own, catalog, ownHost);
        servers.order(other, catalog, otherHost);
        servers.order(foreign, catalog, foreignHost);
    }

    @Test
    @TestSecurity(user = PAT, roles = "customer")
    void actsForTheOldestAccountUntilAnotherIsChosenAndNeverShowsBoth() {
        given().get("/servers").then().statusCode(200)
                .body(containsString(ownHost), not(containsString(otherHost)), not(containsString(foreignHost)));
        given().cookie(AccountChoice.COOKIE, other.toString()).get("/servers").then().statusCode(200)
                .body(containsString(otherHost), not(containsString(ownHost)))
                .body(containsString("Tenant of h3-quinn"));
        given().cookie(AccountChoice.COOKIE, other.toString()).get("/servers/" + ownServer).then().statusCode(404);
        given().cookie(AccountChoice.COOKIE, other.toString()).get("/dashboard").then().statusCode(200)
                .body(containsString("Tenant of h3-quinn"));
    }

    @Test
    @TestSecurity(user = PAT, roles = "customer")
    void theSwitcherListsTheLoginsAccountsAndSwitchingGoesToTheDashboard() {
        String page = given().get("/servers").then().statusCode(200).extract().asString();
        assertThat(page).contains("action=\"/switch-account\"", "Tenant of h3-pat", "Tenant of h3-quinn")
                .contains("<option value=\"" + own + "\" selected>")
                .doesNotContain("Tenant of h3-oscar");
        Labels.assertEveryFieldLabelled(page);

        String chosen = Csrf.form().formParam("account", other.toString()).post("/switch-account").then()
                .statusCode(303).header("Location", endsWith("/dashboard")).extract().cookie(AccountChoice.COOKIE);
        assertThat(chosen).isEqualTo(other.toString());
    }

    @Test
    @TestSecurity(user = PAT, roles = "customer")
    void aForgedCookieOrSwitchNamingAnotherAccountIsNeverHonoured() {
        given().cookie(AccountChoice.COOKIE, foreign.toString()).get("/servers").then().statusCode(200)
                .body(containsString(ownHost), not(containsString(foreignHost)));
        given().cookie(AccountChoice.COOKIE, "not-an-account").get("/servers").then().statusCode(200)
                .body(containsString(ownHost));
        assertThat(Csrf.form().formParam("account", foreign.toString()).post("/switch-account").then()
                .statusCode(404).extract().cookie(AccountChoice.COOKIE)).isNull();
        assertThat(Csrf.form().formParam("account", "x").post("/switch-account").then().statusCode(404).extract()
                .cookie(AccountChoice.COOKIE)).isNull();
        assertThat(Csrf.forged().formParam("account", other.toString()).post("/switch-account").then()
                .statusCode(400).extract().cookie(AccountChoice.COOKIE)).isNull();
    }

    @Test
    @TestSecurity(user = PAT, roles = "customer")
    void losingTheMembershipInUseFallsBackToTheOtherAccount() {
        given().cookie(AccountChoice.COOKIE, other.toString()).get("/servers").then()
                .body(containsString(otherHost));
        leave(PAT, other);
        given().cookie(AccountChoice.COOKIE, other.toString()).get("/servers").then().statusCode(200)
                .body(containsString(ownHost), not(containsString(otherHost)), not(containsString("/switch-account")));
    }

    @Test
    @TestSecurity(user = PAT, roles = "customer")
    void aReadOnlyMemberMaySwitchButChangesNothing() {
        leave(PAT, other);
        memberships.add(Actor.SYSTEM, MemberRole.OWNER, other, PAT, "READ_ONLY");
        Csrf.form().cookie(AccountChoice.COOKIE, other.toString()).formParam("account", own.toString())
                .post("/switch-account").then().statusCode(303).cookie(AccountChoice.COOKIE, own.toString());
        Csrf.form().cookie(AccountChoice.COOKIE, other.toString()).formParam("login", "h3-nobody")
                .formParam("role", "MEMBER").post("/team").then().statusCode(403);
        assertThat(role("h3-nobody")).isNull();
    }

    @Test
    @TestSecurity(user = "h3-quinn", roles = "customer")
    void aLoginOfAnotherAccountCanJoinButNotTwice() {
        given().get("/servers").then().statusCode(200).body(not(containsString("/switch-account")));
        // People join by invitation (the team form mails one); accepting follows the same rule as adding.
        memberships.join(Actor.SYSTEM, other, "h3-oscar", MemberRole.MEMBER);
        assertThat(memberships("h3-oscar")).isEqualTo(2);
        assertThatThrownBy(() -> memberships.join(Actor.SYSTEM, other, "h3-oscar", MemberRole.OWNER))
                .isInstanceOfSatisfying(io.innkeeper.kernel.InvalidInput.class, e -> assertThat(
                        e.errors().asMap().get("login")).contains("already a member of this account"));
        assertThat(memberships("h3-oscar")).isEqualTo(2);
        assertThat(role("h3-oscar")).isEqualTo(MemberRole.MEMBER);
    }

    @Transactional
    void leave(String login, UUID tenant) {
        Membership.delete("tenant.id = ?1 and login = ?2", tenant, login);
    }

    @Transactional
    MemberRole role(String login) {
        return Membership.in(other, login).map(m -> m.role).orElse(null);
    }

    @Transactional
    long memberships(String login) {
        return Membership.count("login", login);
    }
}
