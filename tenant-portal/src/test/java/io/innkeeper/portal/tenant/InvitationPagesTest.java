package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.Invitation;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Membership;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * The invitation link's page: a signed-in login without an account sees who invites it to what and accepts; a used,
 * revoked, expired or unknown link gets a page that says which and changes nothing.
 */
@QuarkusTest
class InvitationPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Invitations invitations;

    UUID tenant;
    Actor owner;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("ines");
        owner = new Actor("ines", tenant, null, null);
        removeIfPresent("ian");
    }

    @Test
    @TestSecurity(user = "ian", roles = "customer")
    void aSignedInLoginAcceptsOnceAndTheLinkIsThenRefusedWithWords() {
        String token = invite(Mailbox.freshAddress("ian"), "MEMBER").token;
        given().get("/invitations/" + token).then().statusCode(200).body(containsString("Invitation to Tenant of ines"),
                containsString("Member"), containsString("Accept the invitation"), containsString("ian"));
        Csrf.form().post("/invitations/" + token).then().statusCode(303).header("Location",
                containsString("/dashboard"));
        assertThat(role("ian")).isEqualTo(MemberRole.MEMBER);

        given().get("/invitations/" + token).then().statusCode(410).body(containsString("used already"),
                not(containsString("Accept the invitation")));
        Csrf.form().post("/invitations/" + token).then().statusCode(410).body(containsString("used already"));
    }

    @Test
    @TestSecurity(user = "ian", roles = "customer")
    void revokedExpiredAndUnknownLinksAreRefusedAndChangeNothing() {
        Sent revoked = invite(Mailbox.freshAddress("ian-r"), "MEMBER");
        invitations.revoke(owner, new Invitations.Authority.Member(MemberRole.OWNER), tenant, revoked.id);
        given().get("/invitations/" + revoked.token).then().statusCode(410).body(containsString("withdrawn"));
        Csrf.form().post("/invitations/" + revoked.token).then().statusCode(410).body(containsString("withdrawn"));

        Sent expired = invite(Mailbox.freshAddress("ian-e"), "MEMBER");
        expire(expired.id);
        given().get("/invitations/" + expired.token).then().statusCode(410).body(containsString("expired"));
        Csrf.form().post("/invitations/" + expired.token).then().statusCode(410).body(containsString("expired"));

        given().get("/invitations/iki_nothing-like-this").then().statusCode(404)
                .body(containsString("This invitation link is not known"), not(containsString("Exception")));
        Csrf.form().post("/invitations/iki_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .body(containsString("not known"));
        assertThat(Membership.forLogin("ian")).isEmpty();
    }

    @Test
    @TestSecurity(user = "ines", roles = "customer")
    void aMemberOfTheAccountIsToldWhyItCannotAccept() {
        // ines owns the inviting account; a login may be in several accounts, but in each once.
        String token = invite(Mailbox.freshAddress("dup"), "MEMBER").token;
        Csrf.form().post("/invitations/" + token).then().statusCode(409)
                .body(containsString("already a member of this account"));
        given().get("/invitations/" + token).then().statusCode(200);
    }

    record Sent(UUID id, String token) {
    }

    Sent invite(String address, String role) {
        Invitations.Sent sent = invitations.invite(owner, new Invitations.Authority.Member(MemberRole.OWNER), tenant,
                address, role);
        String link = Mailbox.await(address, "Invitation to").link("http://localhost:");
        assertThat(link).contains("/invitations/iki_");
        return new Sent(sent.id(), link.substring(link.lastIndexOf('/') + 1));
    }

    @Transactional
    MemberRole role(String login) {
        return Membership.forLogin(login).map(m -> m.role).orElse(null);
    }

    @Transactional
    void removeIfPresent(String login) {
        Membership.delete("login", login);
    }

    @Transactional
    void expire(UUID id) {
        em.find(Invitation.class, id).expiresAt = Instant.now().minusSeconds(1);
    }

    @Inject
    EntityManager em;
}
