package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/** An owner adds people to the team, changes their role and removes them; the account keeps an owner. */
@QuarkusTest
class TeamPagesTest {

    @Inject
    Fixtures fixtures;

    UUID tenant;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("tina");
        fixtures.member("tom", tenant, MemberRole.MEMBER);
        removeIfPresent("tess");
    }

    @Test
    @TestSecurity(user = "tina", roles = "customer")
    void ownerAddsChangesAndRemovesAMember() {
        Csrf.form().formParam("login", " Tess ").formParam("role", "READ_ONLY").post("/team").then()
                .statusCode(303).header("Location", containsString("/team"));
        assertThat(role("tess")).contains(MemberRole.READ_ONLY);
        given().get("/team").then().statusCode(200).body(containsString("tess"), containsString("Read-only"));

        UUID tess = Membership.forLogin("tess").orElseThrow().id;
        Csrf.form().formParam("role", "MEMBER").post("/team/" + tess + "/role").then().statusCode(303);
        assertThat(role("tess")).contains(MemberRole.MEMBER);

        Csrf.form().post("/team/" + tess + "/remove").then().statusCode(303);
        assertThat(role("tess")).isEmpty();
    }

    @Test
    @TestSecurity(user = "tina", roles = "customer")
    void badLoginsAndTheLastOwnerAreRefusedInline() {
        Csrf.form().formParam("login", "x").formParam("role", "MEMBER").post("/team").then().statusCode(422)
                .body(containsString("3 to 255 letters"));
        Csrf.form().formParam("login", "tom").formParam("role", "MEMBER").post("/team").then().statusCode(422)
                .body(containsString("already a member of this account"));
        Csrf.form().formParam("login", "newbie").formParam("role", "KING").post("/team").then().statusCode(422)
                .body(containsString("Choose owner, member or read-only"));
        UUID me = Membership.forLogin("tina").orElseThrow().id;
        Csrf.form().formParam("role", "MEMBER").post("/team/" + me + "/role").then().statusCode(422)
                .body(containsString("at least one owner"));
        Csrf.form().post("/team/" + me + "/remove").then().statusCode(422).body(containsString("at least one owner"));
        assertThat(role("tina")).contains(MemberRole.OWNER);
        Labels.assertEveryFieldLabelled(given().get("/team").then().extract().asString());
    }

    @Test
    @TestSecurity(user = "tom", roles = "customer")
    void memberSeesTheTeamButOnlyAnOwnerChangesIt() {
        given().get("/team").then().statusCode(200).body(containsString("tina"));
        Csrf.form().formParam("login", "friend-of-tom").formParam("role", "OWNER").post("/team").then()
                .statusCode(403).body(containsString("Only an owner"));
        assertThat(role("friend-of-tom")).isEmpty();
    }

    @Transactional
    Optional<MemberRole> role(String login) {
        return Membership.forLogin(login).map(m -> m.role);
    }

    @Transactional
    void removeIfPresent(String login) {
        Membership.delete("login", login);
    }
}
