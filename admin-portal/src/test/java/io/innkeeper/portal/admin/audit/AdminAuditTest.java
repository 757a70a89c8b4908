package io.innkeeper.portal.admin.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.web.LongText;

@QuarkusTest
@TestSecurity(user = "audit-admin", roles = "admin")
class AdminAuditTest {

    @Inject
    Fixtures fixtures;

    UUID tenant;

    @BeforeEach
    void setUp() {
        fixtures.catalog();
        tenant = fixtures.customer("audited-" + UUID.randomUUID());
    }

    @Test
    void showsWhoWhatFromWhereWithBeforeAndAfter() {
        AdminCsrf.form().formParam("reason", "Chargeback 99").post("/admin/tenants/" + tenant + "/suspend").then()
                .statusCode(303);
        given().get("/admin/audit?actor=audit-admin&action=tenant.suspend&tenant=" + tenant).then().statusCode(200)
                .body(containsString("tenant.suspend"), containsString("Chargeback 99"),
                        containsString("&quot;status&quot;: &quot;ACTIVE&quot;"),
                        containsString("&quot;status&quot;: &quot;SUSPENDED&quot;"), containsString("127.0.0.1"),
                        containsString("<label for=\"actor\">Who (login)</label>"),
                        matchesPattern("(?s).*<code>status</code>\\s*<del>ACTIVE</del> → <ins>SUSPENDED</ins>.*"));
    }

    @Test
    void filtersByActorActionPrefixAndTimeRange() {
        String actor = "someone-" + UUID.randomUUID().toString().substring(0, 6);
        Instant old = Instant.parse("2025-01-15T10:00:00Z");
        event(actor, "plan.edit", old);
        event(actor, "node.add", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        given().get("/admin/audit?actor=" + actor + "&action=plan.").then()
                .body(containsString("plan.edit"), not(containsString("node.add")));
        given().get("/admin/audit?actor=" + actor + "&from=2025-01-15&to=2025-01-15").then()
                .body(containsString("plan.edit"), not(containsString("node.add")));
        given().get("/admin/audit?actor=" + actor + "&from=2025-01-16").then()
                .body(not(containsString("plan.edit")), containsString("node.add"));
        given().header("HX-Request", "true").get("/admin/audit?actor=" + actor).then().statusCode(200)
                .body(containsString("id=\"audit-entries\""), not(containsString("<html")));
    }

    @Test
    void pagesWithoutRepeats() {
        String actor = "pager-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 55; i++) {
            event(actor, "test.page", Instant.parse("2025-02-01T00:00:00Z").plusSeconds(i));
        }
        String first = given().get("/admin/audit?actor=" + actor).then().statusCode(200).extract().asString();
        assertThat(first).contains("id=\"next-page\"");
        assertThat(first.split("data-audit=").length - 1).isEqualTo(50);
        String href = first.replaceAll("(?s).*id=\"next-page\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        String second = given().urlEncodingEnabled(false).get(href).then().statusCode(200).extract().asString();
        assertThat(second.split("data-audit=").length - 1).isEqualTo(5);
    }

    @Test
    void badSearchIsExplainedInline() {
        given().get("/admin/audit?from=yesterday&tenant=acme&action=drop%20table").then().statusCode(422)
                .body(containsString("id=\"from-error\""), containsString("id=\"tenant-error\""),
                        containsString("id=\"action-error\""));
    }

    /**
     * A refused order once wrote a 60,000-character value into the log and the page grew a million pixels wide:
     * each value now shows its beginning and its length, and wraps in its cell. The source address of a request
     * over IPv6 loopback reads {@code ::1}.
     */
    @Test
    void longValuesAreClippedAndWrapAndAddressesReadCanonically() {
        String actor = "long-" + UUID.randomUUID().toString().substring(0, 6);
        String huge = "g".repeat(60_000);
        longEvent(actor, huge);
        String page = given().get("/admin/audit?actor=" + actor).then().statusCode(200)
                .header("Vary", containsString("HX-Request"))
                .body(containsString("<code>::1</code>"), not(containsString("0:0:0:0:0:0:0:1")),
                        containsString("class=\"wrap\""), containsString("(60,000 characters in all)"))
                .extract().asString();
        assertThat(page).doesNotContain(huge.substring(0, LongText.CELL + 1))
                .contains(huge.substring(0, LongText.CELL)).hasSizeLessThan(20_000);
    }

    @Transactional
    void longEvent(String actor, String huge) {
        AuditEvent e = new AuditEvent();
        e.id = UUID.randomUUID();
        e.at = Instant.now();
        e.actor = actor;
        e.sourceIp = "0:0:0:0:0:0:0:1";
        e.action = "server.order";
        e.targetType = "server";
        e.outcome = "REFUSED";
        e.detail = huge;
        e.afterState = "{\"guestType\": \"" + huge + "\"}";
        e.persist();
    }

    @Transactional
    void event(String actor, String action, Instant at) {
        AuditEvent e = new AuditEvent();
        e.id = UUID.randomUUID();
        e.at = at;
        e.actor = actor;
        e.sourceIp = "192.0.2.7";
        e.action = action;
        e.targetType = "test";
        e.outcome = "OK";
        e.persist();
    }
}
