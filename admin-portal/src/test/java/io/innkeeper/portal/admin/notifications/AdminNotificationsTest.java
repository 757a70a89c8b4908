package io.innkeeper.portal.admin.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.tenancy.People;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * The admin's notifications page: a failed mail shows with its error under its account and state, filters narrow
 * the list (a bad filter is named next to its field), and resend delivers it through the real mail server, audited.
 */
@QuarkusTest
@TestSecurity(user = "notify-admin", roles = "admin")
class AdminNotificationsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    EntityManager em;

    @Test
    void aFailedMailIsShownWithItsErrorAndResendDeliversIt() {
        String login = "notify-fail-" + UUID.randomUUID().toString().substring(0, 8);
        String address = Mailbox.freshAddress("resend");
        UUID tenant = fixtures.customer(login);
        people.remember(login, address);
        String hostname = Fixtures.hostname("resend");
        UUID server = servers.order(tenant, fixtures.catalog(), hostname);
        Mailbox.await(address, hostname);
        UUID id = await().atMost(Duration.ofSeconds(30)).until(() -> sentNotification(server), n -> n != null);
        // As if the mail server had refused it at every attempt: the state the sender leaves behind.
        sql("update notification set mail_state = 'FAILED', attempts = 8, last_error = '550 mailbox unavailable' "
                + "where id = '" + id + "'");

        given().queryParam("state", "FAILED").queryParam("tenant", tenant.toString()).get("/admin/notifications")
                .then().statusCode(200).body(containsString("data-notification=\"" + id + "\""))
                .body(containsString("550 mailbox unavailable")).body(containsString(login))
                .body(containsString("/admin/notifications/" + id + "/resend"));
        given().queryParam("state", "SENT").queryParam("tenant", tenant.toString()).get("/admin/notifications")
                .then().statusCode(200).body(not(containsString("data-notification=\"" + id + "\"")));
        given().queryParam("state", "LOST").queryParam("tenant", "not-an-id").get("/admin/notifications").then()
                .statusCode(422).body(containsString("id=\"state-error\""))
                .body(containsString("id=\"tenant-error\""));

        AdminCsrf.form().post("/admin/notifications/" + id + "/resend").then().statusCode(303);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(address).size() == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(state(id)));
        assertThat(Mailbox.messages(address)).allSatisfy(m -> assertThat(m.subject()).contains(hostname));
        assertThat(count("select count(*) from audit_event where action = 'notification.resend' and target_id = '"
                + id + "' and actor = 'notify-admin'")).isEqualTo(1);
        AdminCsrf.form().post("/admin/notifications/" + UUID.randomUUID() + "/resend").then().statusCode(404);
    }

    UUID sentNotification(UUID server) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery("""
                select n.id from notification n join outbox_event e on e.id = n.event_id
                where e.data like :server and n.topic = 'server_ready' and n.mail_state = 'SENT'
                """).setParameter("server", "%" + server + "%").getResultStream().findFirst().orElse(null));
    }

    String state(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select mail_state from notification where id = :id").setParameter("id", id).getSingleResult());
    }

    void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    long count(String query) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(query).getSingleResult())
                .longValue());
    }
}
