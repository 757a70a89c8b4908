package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.billing.usage.RollupSchedule;
import io.innkeeper.tenancy.People;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Traffic mails through the real mail server, from the usage rollup's own schedule. Timeline in February 2026
 * (UTC), one server since Feb 1 on a plan with 1 GB of traffic, the pool as rating computes it at 12:00 on Feb 20:
 * 10:30 sent 85 % of the pool, rollup: one mail; 11:00 sent 90 %, rollup: nothing; 11:30 sent 105 %, rollup: one
 * mail; rollup again: nothing.
 */
@QuarkusTest
class TrafficNoticeMailTest {

    static final Instant NOW = Instant.parse("2026-02-20T12:00:00Z");

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    People people;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    RollupSchedule schedule;

    @Inject
    EntityManager em;

    @Test
    void eachStepOfTheAllowanceIsMailedOnceAMonth() {
        String owner = "n1-traffic-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("traffic");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1), Instant.parse("2026-02-01T00:00:00Z"),
                null);
        long pool = invoicer.project(tenant, NOW).poolBytes().setScale(0, RoundingMode.FLOOR).longValueExact();
        assertThat(pool).isPositive();

        data.sample(server, NOW.minusSeconds(5400), (pool * 85 + 99) / 100);
        schedule.catchUp(NOW);
        Mailbox.Message warning = Mailbox.await(mail, "traffic allowance");
        assertThat(warning.subject()).isEqualTo("Your servers have sent 85 % of this month's traffic allowance");
        assertThat(warning.text()).contains("In 2026-02 the servers of").contains("(85 % used)");
        assertThat(told(tenant)).isEqualTo(1);

        data.sample(server, NOW.minusSeconds(3600), pool * 90 / 100);
        schedule.catchUp(NOW);
        assertThat(told(tenant)).isEqualTo(1);

        data.sample(server, NOW.minusSeconds(1800), (pool * 105 + 99) / 100);
        schedule.catchUp(NOW);
        schedule.catchUp(NOW);
        assertThat(told(tenant)).isEqualTo(2);
        Mailbox.Message full = Mailbox.await(mail, "used up");
        assertThat(full.subject()).isEqualTo("Your servers have used up this month's traffic allowance");
        assertThat(full.text()).contains("(105 % used)").contains("billed at the overage price");
    }

    @Test
    void aJumpPastBothStepsIsOneMailInTheAccountsLanguage() {
        String owner = "n1-traffic-de-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("traffic-de");
        UUID tenant = fixtures.customer(owner);
        data.update("update tenant set language = 'de' where id = ?1", tenant);
        people.remember(owner, mail);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1), Instant.parse("2026-02-01T00:00:00Z"),
                null);
        long pool = invoicer.project(tenant, NOW).poolBytes().setScale(0, RoundingMode.FLOOR).longValueExact();

        data.sample(server, NOW.minusSeconds(1800), pool * 2);
        schedule.catchUp(NOW);

        assertThat(told(tenant)).isEqualTo(1);
        Mailbox.Message full = Mailbox.await(mail, "Datenvolumen");
        assertThat(full.subject()).isEqualTo("Ihre Server haben das Datenvolumen dieses Monats ausgeschöpft");
        assertThat(full.text()).contains("Im Zeitraum 2026-02").contains("(200 % verbraucht)")
                .containsPattern("bisher \\d+,\\d\\d GB gesendet");
    }

    long told(UUID tenant) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from notification where about_tenant_id = :t and topic = 'traffic_threshold'")
                .setParameter("t", tenant).getSingleResult()).longValue());
    }
}
