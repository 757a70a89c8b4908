package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.audit.Actor;
import io.innkeeper.notify.Choices;
import io.innkeeper.notify.Inbox;
import io.innkeeper.notify.Topic;
import io.innkeeper.tenancy.AccountLanguage;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.People;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * The notifications pages as olga, an account's owner: a ready server shows in the list with a line naming it and
 * a link to it, reading the list clears the badge, mark all read, another's notification is 404; her mail choices
 * round trip (billing and security stay on for an owner) and turn the next server-ready mail off; the account's
 * language is the owner's to set, checked and audited.
 */
@QuarkusTest
@TestSecurity(user = "notes-olga", roles = "customer")
class NotificationPagesTest {

    static final String OLGA = "notes-olga";

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    Inbox inbox;

    @Inject
    Choices choices;

    @Inject
    AccountLanguage languages;

    @Inject
    People people;

    @Inject
    ApiTokens tokens;

    @Inject
    EntityManager em;

    UUID tenant;

    @BeforeEach
    void start() {
        tenant = fixtures.customer(OLGA);
        inbox.markAllRead(tenant, OLGA);
        choices.set(Actor.SYSTEM, OLGA, MemberRole.OWNER, Set.of(Topic.values()));
    }

    @Test
    void aReadyServerIsListedAndReadingTheListClearsTheBadge() {
        String hostname = Fixtures.hostname("noted");
        UUID server = servers.order(tenant, fixtures.catalog(), hostname);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.unread(tenant, OLGA) == 1);
        given().get("/notifications/unread").then().statusCode(200).body(containsString("id=\"unread-count\""))
                .body(containsString(">1<span class=\"skip\"> unread"));
        given().get("/servers").then().statusCode(200).body(containsString("Notifications"))
                .body(containsString(">1<span class=\"skip\"> unread"));

        UUID id = notificationFor(server);
        given().get("/notifications").then().statusCode(200).body(containsString("Server " + hostname + " is ready"))
                .body(containsString("href=\"/notifications/" + id + "\"")).body(containsString("notice-new"));
        assertThat(inbox.unread(tenant, OLGA)).isZero();
        given().get("/notifications/unread").then().statusCode(200).body(not(containsString("unread<")));
        given().get("/notifications").then().statusCode(200).body(not(containsString("notice-new")));
        given().redirects().follow(false).get("/notifications/" + id).then().statusCode(303)
                .header("Location", containsString("/servers/" + server));
    }

    @Test
    void aTopicThatCannotWriteItsLineIsListedByItsName() {
        tokens.create(Actor.SYSTEM, tenant, new ApiTokens.NewToken("notes-" + UUID.randomUUID().toString()
                .substring(0, 8), null, null, null, null));
        UUID id = await().atMost(Duration.ofSeconds(30)).until(() -> latest("token_created"), n -> n != null);
        given().get("/notifications").then().statusCode(200)
                .body(containsString("data-notification=\"" + id + "\""));
    }

    @Test
    void markAllReadClearsTheCount() {
        UUID server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname("unread"));
        UUID id = await().atMost(Duration.ofSeconds(30)).until(() -> notificationFor(server), n -> n != null);
        assertThat(inbox.unread(tenant, OLGA)).isPositive();
        Csrf.form().post("/notifications/read-all").then().statusCode(303)
                .header("Location", containsString("/notifications"));
        assertThat(inbox.unread(tenant, OLGA)).isZero();
        assertThat(readAt(id)).isNotNull();
    }

    @Test
    void anotherPersonsNotificationIsNotFound() {
        String other = "notes-other-" + UUID.randomUUID().toString().substring(0, 8);
        UUID otherTenant = fixtures.customer(other);
        UUID server = servers.order(otherTenant, fixtures.catalog(), Fixtures.hostname("theirs"));
        UUID theirs = await().atMost(Duration.ofSeconds(30)).until(() -> notificationFor(server), n -> n != null);
        given().redirects().follow(false).get("/notifications/" + theirs).then().statusCode(404);
        given().redirects().follow(false).get("/notifications/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/notifications").then().statusCode(200).body(not(containsString(theirs.toString())));
        assertThat(readAt(theirs)).isNull();
    }

    @Test
    void mailChoicesRoundTripAndTheNextReadyServerIsNotMailed() {
        people.remember(OLGA, Mailbox.freshAddress("olga"));
        given().get("/notifications/settings").then().statusCode(200)
                .body(containsString("id=\"mail-server_ready\" name=\"mail\" value=\"server_ready\" checked"))
                .body(containsString("id=\"mail-invoice_issued\" name=\"mail\" value=\"invoice_issued\" checked "
                        + "disabled"))
                .body(containsString("Owners always get billing and security mail"));

        Csrf.form().formParam("mail", "server_changed").formParam("mail", "job_failed")
                .post("/notifications/settings").then().statusCode(303)
                .header("Location", containsString("/notifications/settings?saved=true"));

        given().get("/notifications/settings").then().statusCode(200)
                .body(containsString("value=\"server_ready\">"))
                .body(containsString("value=\"server_changed\" checked"))
                .body(containsString("value=\"invoice_issued\" checked disabled"));
        assertThat(choices.of(OLGA, MemberRole.OWNER)).filteredOn(c -> c.topic() == Topic.SERVER_READY)
                .singleElement().extracting(Choices.Choice::mail).isEqualTo(false);
        assertThat(choices.of(OLGA, MemberRole.OWNER)).filteredOn(c -> c.topic() == Topic.INVOICE_ISSUED)
                .singleElement().extracting(Choices.Choice::mail).isEqualTo(true);
        assertThat(audited("notification.choices", OLGA)).isPositive();

        UUID server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname("quiet"));
        UUID id = await().atMost(Duration.ofSeconds(30)).until(() -> notificationFor(server), n -> n != null);
        assertThat(mailState(id)).isEqualTo("SKIPPED");
    }

    @Test
    void theOwnerSetsTheAccountsLanguageAndABadOneIsRefusedInPlace() {
        Csrf.form().formParam("language", "de").post("/notifications/language").then().statusCode(303);
        assertThat(languages.of(tenant)).isEqualTo("de");
        assertThat(audited("tenant.language", tenant.toString())).isPositive();

        Csrf.form().formParam("language", "xx").post("/notifications/language").then().statusCode(422)
                .body(containsString("id=\"language-error\"")).body(containsString("Choose one of: en, de."));
        assertThat(languages.of(tenant)).isEqualTo("de");
        Csrf.form().formParam("language", "en").post("/notifications/language").then().statusCode(303);
        assertThat(languages.of(tenant)).isEqualTo("en");
    }

    @Test
    @TestSecurity(user = "notes-mia", roles = "customer")
    void aMemberMayNotSetTheLanguageButKeepsHerOwnChoices() {
        fixtures.member("notes-mia", tenant, MemberRole.MEMBER);
        given().get("/notifications/settings").then().statusCode(200)
                .body(not(containsString("id=\"language\"")))
                .body(containsString("value=\"invoice_issued\">"));
        Csrf.form().formParam("language", "de").post("/notifications/language").then().statusCode(403);
        Csrf.form().formParam("mail", "invoice_issued").post("/notifications/settings").then().statusCode(303);
        assertThat(choices.of("notes-mia", MemberRole.MEMBER)).filteredOn(c -> c.topic() == Topic.INVOICE_ISSUED)
                .singleElement().extracting(Choices.Choice::mail).isEqualTo(true);
    }

    @Test
    void theSettingsFormStillNeedsItsCsrfToken() {
        Csrf.forged().formParam("mail", "server_ready").post("/notifications/settings").then().statusCode(400);
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").body("mail=server_ready")
                .post("/notifications/settings").then().statusCode(400);
    }

    UUID notificationFor(UUID server) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery("""
                select n.id from notification n join outbox_event e on e.id = n.event_id
                where e.data like :server and n.topic = 'server_ready'
                """).setParameter("server", "%" + server + "%").getResultStream().findFirst().orElse(null));
    }

    UUID latest(String topic) {
        return QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery("select id from notification "
                + "where login = :l and topic = :t order by seq desc limit 1").setParameter("l", OLGA)
                .setParameter("t", topic).getResultStream().findFirst().orElse(null));
    }

    Object readAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select read_at from notification where id = :id").setParameter("id", id).getSingleResult());
    }

    String mailState(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select mail_state from notification where id = :id").setParameter("id", id).getSingleResult());
    }

    long audited(String action, String target) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from audit_event where action = :a and target_id = :t").setParameter("a", action)
                .setParameter("t", target).getSingleResult()).longValue());
    }
}
