package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.Webhooks;
import io.innkeeper.api.ApiFixtures;
import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * The webhook pages: the endpoints, each one's delivery log with its response codes, and the ping and replay
 * buttons, which a read-only member does not get; another account's endpoint is not there.
 */
@QuarkusTest
class WebhookPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Webhooks webhooks;

    @Inject
    ApiFixtures api;

    UUID tenant;
    UUID endpoint;
    UUID event;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("wanda");
        fixtures.member("walt", tenant, MemberRole.READ_ONLY);
        api.sql("update webhook_endpoint set disabled_at = now() where tenant_id = ?1 and disabled_at is null",
                tenant);
        // Nothing listens on port 9 of loopback: the delivery fails and says so in the log.
        endpoint = webhooks.register(Actor.SYSTEM, tenant, "http://127.0.0.1:9/wanda-hooks").endpoint().id();
        event = webhooks.ping(Actor.SYSTEM, tenant, endpoint);
    }

    @Test
    @TestSecurity(user = "wanda", roles = "customer")
    void listsEndpointsAndTheDeliveryLogWithPingAndReplay() {
        given().get("/webhooks").then().statusCode(200).body(containsString("http://127.0.0.1:9/wanda-hooks"))
                .body(containsString("every event")).body(containsString("href=\"/webhooks/" + endpoint + "\""));
        given().get("/webhooks/" + endpoint).then().statusCode(200).body(containsString("<code>ping</code>"))
                .body(containsString("data-event=\"" + event + "\""))
                .body(containsString("/webhooks/" + endpoint + "/deliveries/" + event + "/replay"))
                .body(containsString("Send a ping"));

        long before = api.rows("webhook_delivery where endpoint_id = '" + endpoint + "'");
        Csrf.form().post("/webhooks/" + endpoint + "/ping").then().statusCode(303)
                .header("Location", containsString("/webhooks/" + endpoint + "?done=ping"));
        assertThat(api.rows("webhook_delivery where endpoint_id = '" + endpoint + "'")).isEqualTo(before + 1);

        api.sql("update webhook_delivery set state = 'FAILED', attempts = 20, last_status = 502 where event_id = ?1",
                event);
        given().get("/webhooks/" + endpoint).then().statusCode(200).body(containsString("failed"))
                .body(containsString("<td>502</td>"));
        Csrf.form().post("/webhooks/" + endpoint + "/deliveries/" + event + "/replay").then().statusCode(303);
        assertThat(api.rows("webhook_delivery where event_id = '" + event + "' and state = 'PENDING' and attempts = 0"))
                .isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "walt", roles = "customer")
    void readOnlyMemberSeesTheLogWithoutButtons() {
        given().get("/webhooks/" + endpoint).then().statusCode(200).body(containsString("<code>ping</code>"))
                .body(not(containsString("Send a ping"))).body(not(containsString("/replay")));
        Csrf.form().post("/webhooks/" + endpoint + "/ping").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "wanda", roles = "customer")
    void anotherAccountsEndpointIsNotThere() {
        UUID other = fixtures.customer("wilma");
        api.sql("update webhook_endpoint set disabled_at = now() where tenant_id = ?1 and disabled_at is null", other);
        UUID theirs = webhooks.register(Actor.SYSTEM, other, "http://127.0.0.1:9/wilma-hooks").endpoint().id();
        given().get("/webhooks").then().statusCode(200).body(not(containsString("wilma-hooks")));
        given().get("/webhooks/" + theirs).then().statusCode(404);
        Csrf.form().post("/webhooks/" + theirs + "/ping").then().statusCode(404);
        given().get("/webhooks/" + endpoint + "?before=soon").then().statusCode(org.hamcrest.Matchers.both(
                org.hamcrest.Matchers.greaterThanOrEqualTo(400)).and(org.hamcrest.Matchers.lessThan(500)));
    }
}
