package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * Quota mails through the real mail server. Timeline, quota of 5 servers (other dimensions far from full):
 * orders 1-3 (60 %) nothing; order 4 (80 %) one mail; a resize still at 80 % nothing more; order 5 (100 %) one
 * mail; deleting two servers (60 %) lowers the step, so order 6 (80 % again) is told again.
 */
@QuarkusTest
class QuotaNoticeMailTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    QuotaService quotas;

    @Inject
    OrderService orders;

    @Inject
    EntityManager em;


    @Test
    void eachStepIsMailedOnceUntilUseFallsBelowIt() {
        Fixtures.Catalog catalog = fixtures.catalog();
        String owner = "n1-quota-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("quota");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(5, 100, 100_000, 10_000, 100, 10, null, null, null));

        UUID first = servers.order(tenant, catalog, Fixtures.hostname("q1"));
        UUID second = servers.order(tenant, catalog, Fixtures.hostname("q2"));
        servers.order(tenant, catalog, Fixtures.hostname("q3"));
        assertThat(told(tenant)).isZero();

        servers.order(tenant, catalog, Fixtures.hostname("q4"));
        Mailbox.Message warning = Mailbox.await(mail, "80 %");
        assertThat(warning.subject()).isEqualTo("Your account uses 80 % of its server quota");
        assertThat(warning.text()).contains("now uses 4 of 5 (80 %) of its server quota");
        assertThat(warning.header("List-Unsubscribe")).contains("/unsubscribe/");

        await().atMost(Duration.ofSeconds(30)).until(() -> servers.status(first) == GuestStatus.RUNNING);
        orders.resize(Actor.SYSTEM, Scope.of(tenant), first, fixtures.biggerPlan());
        assertThat(told(tenant)).isEqualTo(1);

        servers.order(tenant, catalog, Fixtures.hostname("q5"));
        Mailbox.Message full = Mailbox.await(mail, "reached");
        assertThat(full.subject()).isEqualTo("Your account has reached its server quota");
        assertThat(full.text()).contains("now uses 5 of 5 (100 %) of its server quota");
        assertThat(told(tenant)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> servers.status(second) == GuestStatus.RUNNING);
        servers.deleteNow(first);
        servers.deleteNow(second);
        servers.order(tenant, catalog, Fixtures.hostname("q6"));
        assertThat(told(tenant)).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.messages(mail).stream()
                .filter(m -> m.subject().contains("80 %")).count() == 2);
        assertThat(Mailbox.messages(mail)).filteredOn(m -> m.subject().contains("quota")).hasSize(3);
    }

    long told(UUID tenant) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from notification where about_tenant_id = :t and topic = 'quota_threshold'")
                .setParameter("t", tenant).getSingleResult()).longValue());
    }
}
