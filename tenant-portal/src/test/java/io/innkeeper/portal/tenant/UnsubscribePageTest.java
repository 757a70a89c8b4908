package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.notify.Choices;
import io.innkeeper.notify.NotificationConfig;
import io.innkeeper.notify.Topic;
import io.innkeeper.notify.UnsubscribeTokens;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.People;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * The unsubscribe link of a real mail, without signing in: the page says what stops, and a mail provider's one-click
 * POST (RFC 8058: a form body, no cookie, no CSRF token) turns that topic's mail off, so the next ready server is
 * not mailed. A forged, cut or mandatory topic's token is a 404 page and changes nothing.
 */
@QuarkusTest
class UnsubscribePageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    Choices choices;

    @Inject
    NotificationConfig config;

    @Inject
    EntityManager em;

    @Test
    void oneClickWithoutSignInStopsTheNextReadyServersMail() {
        String login = "unsub-" + UUID.randomUUID().toString().substring(0, 8);
        String address = Mailbox.freshAddress("unsub");
        UUID tenant = fixtures.customer(login);
        people.remember(login, address);
        String first = Fixtures.hostname("first");
        servers.order(tenant, fixtures.catalog(), first);
        Mailbox.Message mail = Mailbox.await(address, first);
        String header = mail.header("List-Unsubscribe");
        assertThat(mail.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String path = header.substring(header.indexOf("/unsubscribe/"), header.indexOf('>'));

        given().redirects().follow(false).get(path).then().statusCode(200).body(containsString("Stop these mails"))
                .body(containsString(login)).body(containsString("A server is ready"));
        assertThat(mailOf(login)).isTrue();

        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .body("List-Unsubscribe=One-Click").post(path).then().statusCode(200)
                .body(containsString("Mails stopped")).body(containsString("A server is ready"));
        assertThat(mailOf(login)).isFalse();
        // A second click (providers retry) changes nothing and still answers done.
        given().contentType("multipart/form-data").multiPart("List-Unsubscribe", "One-Click").post(path).then()
                .statusCode(200);
        assertThat(audits(login)).isEqualTo(1);

        String second = Fixtures.hostname("second");
        UUID server = servers.order(tenant, fixtures.catalog(), second);
        String state = await().atMost(Duration.ofSeconds(30)).until(() -> stateOf(server), s -> s != null);
        assertThat(state).isEqualTo("SKIPPED");
        assertThat(Mailbox.messages(address)).hasSize(1);
    }

    @Test
    void aBadTokenIsNotFoundAndChangesNothing() {
        String login = "unsub-bad-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.customer(login);
        String good = UnsubscribeTokens.token(config.unsubscribeKey(), login, Topic.SERVER_READY);
        String forged = UnsubscribeTokens.token("another-key", login, Topic.SERVER_READY);
        String mandatory = UnsubscribeTokens.token(config.unsubscribeKey(), login, Topic.INVOICE_ISSUED);
        for (String token : new String[] { forged, mandatory, good.substring(0, good.length() - 3), "garbage" }) {
            given().get("/unsubscribe/" + token).then().statusCode(404)
                    .body(containsString("This unsubscribe link is not valid"));
            given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click")
                    .post("/unsubscribe/" + token).then().statusCode(404)
                    .body(containsString("This unsubscribe link is not valid"));
        }
        assertThat(mailOf(login)).isTrue();
        assertThat(audits(login)).isZero();
    }

    boolean mailOf(String login) {
        return choices.of(login, MemberRole.OWNER).stream().filter(c -> c.topic() == Topic.SERVER_READY).findFirst()
                .orElseThrow().mail();
    }

    long audits(String login) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_event where action = 'notification.unsubscribe' and target_id = :t")
                .setParameter("t", login).getSingleResult()).longValue());
    }

    String stateOf(UUID server) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("""
                select n.mail_state from notification n join outbox_event e on e.id = n.event_id
                where e.data like :server and n.topic = 'server_ready'
                """).setParameter("server", "%" + server + "%").getResultStream().findFirst().orElse(null));
    }
}
