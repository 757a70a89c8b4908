package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.account.Outbox;
import io.innkeeper.mail.Mail;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * How a notification's mail gets through a mail server that says no, and how a provider's settings shape it: a
 * refused mail is tried again after a growing wait, each try counted, and marked failed with the server's answer
 * after the last; a mail refused once goes out on the next try; the provider's own template and sender name are what
 * the person receives. Mail goes through {@link ProviderMailProfile#RELAY} to the real mail server.
 */
@QuarkusTest
@TestProfile(ProviderMailProfile.class)
class NotificationDeliveryTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    Mail mail;

    @AfterEach
    void letMailThrough() {
        ProviderMailProfile.RELAY.refuse(0);
    }

    @Test
    void aRefusedMailIsRetriedWithBackoffAndFailsWithTheServersAnswer() {
        ProviderMailProfile.RELAY.refuse(Integer.MAX_VALUE);
        int messagesBefore = ProviderMailProfile.RELAY.mailCommandTimes().size();
        String address = Mailbox.freshAddress("refused");
        String owner = ownerWithAddress("refused", address);

        UUID server = serverReady(owner);

        await("the notification is given up").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "FAILED".equals(row(owner).get("mail_state")));
        Map<String, Object> row = row(owner);
        assertThat(row.get("attempts")).as("attempts counted").isEqualTo(ProviderMailProfile.MAX_ATTEMPTS);
        assertThat((String) row.get("last_error")).as("the server's answer, for admins")
                .contains("451 4.3.0 Mail server busy");
        assertThat(row.get("sent_at")).isNull();
        assertThat(row.get("interrupted_handovers")).as("a refusal is a definite no").isEqualTo(0);
        List<Long> tries = ProviderMailProfile.RELAY.mailCommandTimes().subList(messagesBefore,
                ProviderMailProfile.RELAY.mailCommandTimes().size());
        assertThat(tries).as("one message begun at the mail server per attempt")
                .hasSize(ProviderMailProfile.MAX_ATTEMPTS);
        // Backoff: the second try waits at least one backoff after the first, the third at least two.
        assertThat(Duration.ofNanos(tries.get(1) - tries.get(0)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(ProviderMailProfile.BACKOFF_MILLIS));
        assertThat(Duration.ofNanos(tries.get(2) - tries.get(1)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2 * ProviderMailProfile.BACKOFF_MILLIS));
        assertThat(Mailbox.messages(address)).as("nothing reached %s (server %s)", address, server).isEmpty();
    }

    @Test
    void aLetterIsTriedAgainWhileTheServerIsBusyAndLeavesTheQueueOnceTaken() {
        ProviderMailProfile.RELAY.refuse(2);
        int messagesBefore = ProviderMailProfile.RELAY.mailCommandTimes().size();
        String address = Mailbox.freshAddress("busy");

        UUID id = mail.send(new Mail.Letter(address, "Invitation to Busy Ltd", "a letter that is not a notification"));

        assertThat(Mailbox.await(address, "Invitation to Busy Ltd").text()).contains("not a notification");
        assertThat(ProviderMailProfile.RELAY.mailCommandTimes().size() - messagesBefore)
                .as("two refused tries and the one the server took").isEqualTo(3);
        await("the sent letter leaves the queue, its one-time link with it").atMost(Duration.ofSeconds(10))
                .until(() -> letter(id).isEmpty());
        assertThat(Mailbox.messages(address)).hasSize(1);
    }

    @Test
    void aLetterTheServerRefusesForGoodIsKeptAsFailedWithItsAnswer() {
        ProviderMailProfile.RELAY.refuseForGood(1);
        int messagesBefore = ProviderMailProfile.RELAY.mailCommandTimes().size();
        String address = Mailbox.freshAddress("nosuch");

        UUID id = mail.send(new Mail.Letter(address, "Invitation to Nobody Ltd", "refused for good"));

        await("the letter is given up").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> letter(id).map(r -> "FAILED".equals(r.get("state"))).orElse(false));
        Map<String, Object> row = letter(id).orElseThrow();
        assertThat(row.get("attempts")).as("a 5xx is not tried again").isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("550");
        assertThat(ProviderMailProfile.RELAY.mailCommandTimes().size() - messagesBefore).isEqualTo(1);
        assertThat(Mailbox.messages(address)).isEmpty();
    }

    private java.util.Optional<Map<String, Object>> letter(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Tuple> rows = em.createNativeQuery("select state, attempts, last_error from mail_letter "
                    + "where id = :id", Tuple.class).setParameter("id", id).getResultList();
            return rows.stream().findFirst().map(t -> Map.<String, Object>of("state", t.get("state"), "attempts",
                    t.get("attempts"), "last_error", String.valueOf(t.get("last_error"))));
        });
    }

    @Test
    void aNotificationTheServerRefusesForGoodFailsAtOnce() {
        ProviderMailProfile.RELAY.refuseForGood(1);
        String address = Mailbox.freshAddress("gone");
        String owner = ownerWithAddress("gone", address);

        serverReady(owner);

        await("the notification fails").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> "FAILED".equals(row(owner).get("mail_state")));
        Map<String, Object> row = row(owner);
        assertThat(row.get("attempts")).as("a 5xx is not tried again").isEqualTo(1);
        assertThat((String) row.get("last_error")).contains("550");
        assertThat(Mailbox.messages(address)).isEmpty();
    }

    @Test
    void aMailRefusedOnceGoesOutOnTheNextAttempt() {
        ProviderMailProfile.RELAY.refuse(1);
        String address = Mailbox.freshAddress("retried");
        String owner = ownerWithAddress("retried", address);

        serverReady(owner);

        Mailbox.await(address, "is up");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(row(owner).get("mail_state")));
        Map<String, Object> row = row(owner);
        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("last_error")).isNull();
        assertThat(row.get("interrupted_handovers")).as("the refusal was a definite no").isEqualTo(0);
        assertThat(Mailbox.messages(address)).hasSize(1);
    }

    @Test
    void theProvidersTemplateAndSenderNameAreWhatThePersonReceives() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String address = Mailbox.freshAddress("provider");
        String owner = ownerWithAddress("provider", address);
        UUID tenant = tenantOf(owner);
        String hostname = Fixtures.hostname("acme");

        UUID server = servers.order(tenant, catalog, hostname);

        Mailbox.Message mail = Mailbox.await(address, hostname);
        assertThat(mail.subject()).as("the provider's subject").isEqualTo("Acme: " + hostname + " is up");
        assertThat(mail.text()).startsWith("Hello from Acme Hosting.")
                .contains("Your machine " + hostname + " answers at " + servers.addresses(server).get(0));
        assertThat(mail.from()).as("the sender's display name, the mailer's address")
                .isEqualTo(ProviderMailProfile.SENDER_NAME + " <noreply@innkeeper.test>");
        assertThat(mail.html()).as("the HTML part the provider did not replace is the panel's own")
                .contains("<code>" + servers.addresses(server).get(0) + "</code>");
    }

    private String ownerWithAddress(String prefix, String address) {
        String owner = "deliver-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.tenantOf(owner, TenantKind.CUSTOMER, null);
        people.remember(owner, address);
        return owner;
    }

    /** A server-ready event for the owner's account, as the job worker's would be; answers the server's id. */
    private UUID serverReady(String owner) {
        UUID tenant = tenantOf(owner);
        UUID server = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.record(tenant, "job.succeeded", server,
                Map.of("server", server.toString(), "kind", "CREATE")));
        return server;
    }

    private UUID tenantOf(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "select tenant_id from membership where login = :l").setParameter("l", owner).getSingleResult());
    }

    private Map<String, Object> row(String owner) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Tuple t = (Tuple) em.createNativeQuery("select mail_state, attempts, last_error, sent_at, "
                    + "interrupted_handovers from notification where login = :l", Tuple.class)
                    .setParameter("l", owner).getSingleResult();
            Map<String, Object> out = new java.util.HashMap<>();
            t.getElements().forEach(e -> out.put(e.getAlias(), t.get(e)));
            return out;
        });
    }
}
