package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/** An owner invites people by e-mail, resends and revokes, changes roles and removes; the account keeps an owner. */
@QuarkusTest
class TeamPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Invitations invitations;

    UUID tenant;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("tina");
        fixtures.member("tom", tenant, MemberRole.MEMBER);
        removeIfPresent("tess");
    }

    @Test
    @TestSecurity(user = "tina", roles = "customer")
    void ownerInvitesByEmailResendsRevokesAndChangesAndRemovesMembers() {
        String address = Mailbox.freshAddress("tess");
        Csrf.form().formParam("email", " " + address + " ").formParam("role", "READ_ONLY").post("/team").then()
                .statusCode(303).header("Location", containsString("/team"));
        String page = given().get("/team").then().statusCode(200).body(containsString(address),
                containsString("Pending invitations"), containsString("Resend"), containsString("Revoke"))
                .extract().asString();
        assertThat(Mailbox.await(address, "Invitation to").text()).contains("read-only member");
        UUID invitation = invitationId(address);
        assertThat(page).contains("/team/invitations/" + invitation + "/resend");

        Csrf.form().post("/team/invitations/" + invitation + "/resend").then().statusCode(303);
        Mailbox.await(address, m -> Mailbox.messages(address).size() >= 2);
        Csrf.form().post("/team/invitations/" + invitation + "/revoke").then().statusCode(303);
        given().get("/team").then().statusCode(200).body(not(containsString(address)));
        Csrf.form().post("/team/invitations/" + invitation + "/revoke").then().statusCode(422)
                .body(containsString("revoked already"));

        fixtures.member("tess", tenant, MemberRole.READ_ONLY);
        UUID tess = Membership.forLogin("tess").orElseThrow().id;
        Csrf.form().formParam("role", "MEMBER").post("/team/" + tess + "/role").then().statusCode(303);
        assertThat(role("tess")).contains(MemberRole.MEMBER);

        Csrf.form().post("/team/" + tess + "/remove").then().statusCode(303);
        assertThat(role("tess")).isEmpty();
    }

    @Test
    @TestSecurity(user = "tina", roles = "customer")
    void badAddressesMembersAndTheLastOwnerAreRefusedInline() {
        Csrf.form().formParam("email", "x").formParam("role", "MEMBER").post("/team").then().statusCode(422)
                .body(containsString("name@example.com"), containsString("value=\"x\""));
        Csrf.form().formParam("email", "tom").formParam("role", "MEMBER").post("/team").then().statusCode(422)
                .body(containsString("Enter an e-mail address"));
        fixtures.member("tom@team.example", tenant, MemberRole.MEMBER);
        Csrf.form().formParam("email", "Tom@Team.example").formParam("role", "MEMBER").post("/team").then()
                .statusCode(422).body(containsString("already a member"));
        Csrf.form().formParam("email", Mailbox.freshAddress("newbie")).formParam("role", "KING").post("/team")
                .then().statusCode(422).body(containsString("Choose owner, member or read-only"));
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
        given().get("/team").then().statusCode(200).body(not(containsString("Send invitation")),
                not(containsString("Pending invitations")));
        String friend = Mailbox.freshAddress("friend-of-tom");
        Csrf.form().formParam("email", friend).formParam("role", "OWNER").post("/team").then()
                .statusCode(403).body(containsString("Only an owner"));
        assertThat(invitationIdOrNull(friend)).isNull();
    }

    @Transactional
    Optional<MemberRole> role(String login) {
        return Membership.forLogin(login).map(m -> m.role);
    }

    UUID invitationId(String email) {
        UUID id = invitationIdOrNull(email);
        assertThat(id).as("invitation of " + email).isNotNull();
        return id;
    }

    @Transactional
    UUID invitationIdOrNull(String email) {
        return invitations.open(new Invitations.Authority.Admin(), tenant).stream()
                .filter(i -> i.email().equals(email)).map(Invitations.Sent::id).findFirst().orElse(null);
    }

    @Transactional
    void removeIfPresent(String login) {
        Membership.delete("login", login);
    }
}
