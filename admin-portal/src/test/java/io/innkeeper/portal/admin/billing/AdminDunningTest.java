package io.innkeeper.portal.admin.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.billing.ledger.DunningPolicy;
import io.innkeeper.billing.ledger.DunningSettings;
import io.innkeeper.portal.admin.AdminCsrf;

@QuarkusTest
@TestSecurity(user = "dunning-admin", roles = "admin")
class AdminDunningTest {

    @Inject
    DunningPolicy policy;

    @Inject
    EntityManager em;

    @AfterEach
    @Transactional
    void backToTheConfiguration() {
        em.createNativeQuery("delete from dunning_settings").executeUpdate();
    }

    @Test
    void showsTheConfigurationUntilSavedThenTheSavedSettingsWithAnAuditEntry() {
        given().get("/admin/billing/dunning").then().statusCode(200)
                .body(containsString("value=\"3\""), containsString("value=\"14\""), containsString("value=\"45\""),
                        containsString("configuration's defaults"));
        long audited = AuditEvent.count("action", "billing.dunning-settings");
        AdminCsrf.form().formParam("reminderDays", "2").formParam("suspendDays", "7").formParam("terminateDays", "30")
                .post("/admin/billing/dunning").then().statusCode(303);
        assertThat(policy.current()).isEqualTo(new DunningSettings(2, 7, 30, 1));
        given().get("/admin/billing/dunning?saved=true").then().statusCode(200)
                .body(containsString("value=\"7\""), containsString("Version 1"), containsString("Saved."));
        assertThat(AuditEvent.count("action", "billing.dunning-settings")).isEqualTo(audited + 1);
        AuditEvent event = latest();
        assertThat(event.actor).isEqualTo("dunning-admin");
        assertThat(event.beforeState).contains("\"suspendDays\": 14").contains("\"version\": 0");
        assertThat(event.afterState).contains("\"suspendDays\": 7").contains("\"version\": 1");
    }

    @Test
    void refusesBadSettingsInlineAndSavesNothing() {
        AdminCsrf.form().formParam("reminderDays", "-1").formParam("suspendDays", "7").formParam("terminateDays", "30")
                .post("/admin/billing/dunning").then().statusCode(422)
                .body(containsString("id=\"reminderDays-error\""), containsString("Reminder days must be a whole"),
                        containsString("value=\"-1\""));
        AdminCsrf.form().formParam("reminderDays", "5").formParam("suspendDays", "20").formParam("terminateDays", "20")
                .post("/admin/billing/dunning").then().statusCode(422)
                .body(containsString("id=\"terminateDays-error\""),
                        containsString("Termination must come after suspension"));
        AdminCsrf.form().formParam("reminderDays", "9").formParam("suspendDays", "4").formParam("terminateDays", "x")
                .post("/admin/billing/dunning").then().statusCode(422)
                .body(containsString("id=\"terminateDays-error\""));
        assertThat(policy.current().isDefault()).isTrue();
    }

    @Transactional
    AuditEvent latest() {
        return AuditEvent.<AuditEvent>find("action = ?1 order by at desc", "billing.dunning-settings").firstResult();
    }
}
