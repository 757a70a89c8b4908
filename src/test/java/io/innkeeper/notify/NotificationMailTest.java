package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * A server that becomes ready is mailed to its account's owner through the real mail server: its hostname and
 * addresses, a link to it, no password; a member who did not opt in and another account's owner get nothing.
 */
@QuarkusTest
class NotificationMailTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    EntityManager em;

    @Test
    void theOwnerIsMailedWhenTheServerIsReadyAndNobodyElseIs() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String owner = "notify-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String member = "notify-member-" + UUID.randomUUID().toString().substring(0, 8);
        String stranger = "notify-other-" + UUID.randomUUID().toString().substring(0, 8);
        String ownerMail = Mailbox.freshAddress("owner");
        String memberMail = Mailbox.freshAddress("member");
        String strangerMail = Mailbox.freshAddress("other");
        UUID tenant = fixtures.tenantOf(owner, TenantKind.CUSTOMER, null);
        fixtures.member(member, tenant, MemberRole.MEMBER);
        fixtures.tenantOf(stranger, TenantKind.CUSTOMER, null);
        people.remember(owner, ownerMail);
        people.remember(member, memberMail);
        people.remember(stranger, strangerMail);

        String hostname = Fixtures.hostname("ready");
        UUID server = servers.order(tenant, catalog, hostname);

        Mailbox.Message mail = Mailbox.await(ownerMail, hostname);
        assertThat(mail.subject()).isEqualTo("Your server " + hostname + " is ready");
        List<String> addresses = servers.addresses(server);
        assertThat(addresses).isNotEmpty();
        assertThat(mail.text()).contains(addresses).contains("/servers/" + server)
                .containsIgnoringCase("never sends passwords");
        assertThat(mail.html()).contains(hostname).contains(addresses.get(0));
        UUID notification = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "select id from notification where login = :l and topic = 'server_ready'")
                .setParameter("l", owner).getSingleResult());
        assertThat(mail.header("Message-ID")).isEqualTo("<" + notification + "@notifications.innkeeper>");
        assertThat(mail.header("List-Unsubscribe")).contains("/unsubscribe/");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(QuarkusTransaction.requiringNew().call(
                () -> em.createNativeQuery("select mail_state from notification where id = :id")
                        .setParameter("id", notification).getSingleResult())));

        assertThat(Mailbox.messages(memberMail)).isEmpty();
        assertThat(Mailbox.messages(strangerMail)).isEmpty();
        assertThat(Mailbox.messages(ownerMail)).hasSize(1);
    }
}
