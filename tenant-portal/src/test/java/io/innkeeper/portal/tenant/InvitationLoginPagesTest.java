package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.Logins;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;

/**
 * A person invited at an address with no login sets one up from the invitation's letter, without signing in: the
 * panel makes the login in the real Keycloak, which mails the real link to choose a password; asking again makes no
 * second login and sends no second mail; a withdrawn or unknown link makes nothing.
 */
@QuarkusTest
class InvitationLoginPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Invitations invitations;

    @Inject
    Logins logins;

    @Test
    void anInviteeWithoutALoginGetsOneAndTheMailToChooseAPassword() {
        String address = Mailbox.freshAddress("newcomer");
        String token = invite(address);
        Mailbox.Message letter = Mailbox.await(address, "Invitation to");
        assertThat(letter.link("http://localhost:")).endsWith("/invitations/" + token);
        assertThat(letter.text()).contains("/invitation-logins/" + token);
        assertThat(logins.findByEmail(address)).isEmpty();

        given().get("/invitation-logins/" + token).then().statusCode(200).body(containsString(address),
                containsString("Set up my login"));
        Csrf.formFrom("/invitation-logins/" + token).post("/invitation-logins/" + token).then().statusCode(200)
                .body(containsString("Check your mail"));

        Logins.Login made = logins.findByEmail(address).orElseThrow();
        assertThat(made.emailVerified()).isFalse();
        Mailbox.Message setUp = Mailbox.await(address, m -> m.text() != null && m.text().contains("action-token"));
        assertThat(setUp.text()).contains("Update Password", "Verify Email");

        // Asked again before the address is confirmed: the same login, the link mailed again.
        Csrf.formFrom("/invitation-logins/" + token).post("/invitation-logins/" + token).then().statusCode(200)
                .body(containsString("Check your mail"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(address).size() == 3);
        assertThat(logins.findByEmail(address).orElseThrow().id()).isEqualTo(made.id());
    }

    @Test
    void aConfirmedLoginIsToldToSignIn() {
        String address = Mailbox.freshAddress("known");
        String token = invite(address);
        KeycloakUsers.create(address, address, "Known-login-1");
        Csrf.formFrom("/invitation-logins/" + token).post("/invitation-logins/" + token).then().statusCode(200)
                .body(containsString("You have a login already"));
        assertThat(Mailbox.messages(address)).hasSize(1);
    }

    @Test
    void withdrawnAndUnknownLinksMakeNoLogin() {
        String address = Mailbox.freshAddress("withdrawn");
        UUID tenant = fixtures.customer("inez");
        Actor owner = new Actor("inez", tenant, null, null);
        Invitations.Sent sent = invitations.invite(owner, new Invitations.Authority.Member(MemberRole.OWNER), tenant,
                address, "MEMBER");
        String token = tokenFrom(address);
        invitations.revoke(owner, new Invitations.Authority.Member(MemberRole.OWNER), tenant, sent.id());
        given().get("/invitation-logins/" + token).then().statusCode(410).body(containsString("withdrawn"),
                not(containsString("Set up my login")));
        Csrf.formFrom("/invitation-logins/" + token).post("/invitation-logins/" + token).then().statusCode(410);
        Csrf.formFrom("/signed-out").post("/invitation-logins/iki_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(404).body(containsString("not known"));
        assertThat(logins.findByEmail(address)).isEmpty();
    }

    private String invite(String address) {
        UUID tenant = fixtures.customer("inga");
        invitations.invite(new Actor("inga", tenant, null, null), new Invitations.Authority.Member(MemberRole.OWNER),
                tenant, address, "MEMBER");
        return tokenFrom(address);
    }

    private static String tokenFrom(String address) {
        String link = Mailbox.await(address, "Invitation to").link("http://localhost:");
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
