package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.SignIns;
import io.innkeeper.tenancy.TeamSecurity;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Security mails through the real mail server: a new API token (named, with its maker, scope and expiry, never its
 * secret), a change of the account's one-time-code rule, and a sign-in from an address the login never used (not
 * the first sign-in ever, not a known address, and only to the person who signed in).
 */
@QuarkusTest
class SecurityNoticeMailTest {

    @Inject
    Fixtures fixtures;

    @Inject
    People people;

    @Inject
    ApiTokens tokens;

    @Inject
    TeamSecurity security;

    @Inject
    SignIns signIns;

    @Inject
    EntityManager em;

    @Test
    void aNewTokenIsMailedWithItsNameAndExpiryButNeverItsSecret() {
        String owner = "n1-token-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("token");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);
        Instant expires = Instant.parse("2027-03-04T10:15:00Z");

        ApiTokens.Created created = tokens.create(new Actor(owner, tenant, "192.0.2.10", null), tenant,
                new ApiTokens.NewToken("deploy robot", TokenScope.READ, null, expires, List.of()));

        Mailbox.Message message = Mailbox.await(mail, "A new API token");
        assertThat(message.subject()).isEqualTo("A new API token \"deploy robot\" was created");
        assertThat(message.text()).contains(owner + " created the API token \"deploy robot\"")
                .contains("Access: read only").contains("March 4, 2027").doesNotContain(created.secret());
        assertThat(message.html()).contains("deploy robot").doesNotContain(created.secret());
        assertThat(message.header("List-Unsubscribe")).isNull();
    }

    @Test
    void requiringOneTimeCodesIsMailedWithWhoDidIt() {
        String owner = "n1-2fa-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("twofactor");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);

        security.requireTwoFactor(new Actor(owner, tenant, "192.0.2.11", null), tenant, MemberRole.OWNER, true,
                true);

        Mailbox.Message message = Mailbox.await(mail, "one-time codes");
        assertThat(message.text()).contains(owner + " made a one-time code required")
                .contains("every member must sign in");
    }

    @Test
    void onlyASignInFromAnUnseenAddressIsMailedAndOnlyToThePersonWhoSignedIn() {
        String owner = "n1-signin-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String member = "n1-signin-member-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerMail = Mailbox.freshAddress("signin-owner");
        String memberMail = Mailbox.freshAddress("signin-member");
        UUID tenant = fixtures.customer(owner);
        fixtures.member(member, tenant, MemberRole.MEMBER);
        people.remember(owner, ownerMail);
        people.remember(member, memberMail);

        signIns.record(member, "203.0.113.5", false); // the first sign-in ever: no news
        signIns.record(member, "203.0.113.5", true); // a known address
        assertThat(told(member)).isZero();

        signIns.record(member, "198.51.100.77", false);
        signIns.record(member, "198.51.100.77", false); // known now

        assertThat(told(member)).isEqualTo(1);
        assertThat(told(owner)).isZero();
        Mailbox.Message message = Mailbox.await(memberMail, "new sign-in");
        assertThat(message.subject()).isEqualTo("A new sign-in to your login from 198.51.100.77");
        assertThat(message.text()).contains("Your login " + member + " signed in from the address 198.51.100.77")
                .contains("change your password").doesNotContain("203.0.113.5");
        assertThat(Mailbox.messages(memberMail)).hasSize(1);
        assertThat(Mailbox.messages(ownerMail)).isEmpty();
    }

    long told(String login) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from notification where login = :l and topic = 'new_sign_in'")
                .setParameter("l", login).getSingleResult()).longValue());
    }
}
