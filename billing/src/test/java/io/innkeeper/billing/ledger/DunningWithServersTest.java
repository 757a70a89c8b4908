package io.innkeeper.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Dunning against real servers: suspension powers them off, termination deletes them, paying lifts it. */
@QuarkusTest
class DunningWithServersTest {

    static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    Dunning dunning;

    @Inject
    Ledger ledger;

    @Test
    void unpaidInvoiceSuspendsThenTerminatesAndPaymentLiftsTheSuspension() {
        // 2026-01  a server of the tenant ran for 24 h: invoice of EUR 0.24
        // today    the tenant runs a real server; the invoice's due date is moved to 20 days ago
        //          -> reminder and suspension: the running server is powered off
        //          due date moved to 50 days ago -> termination warning and termination: the server is deleted
        //          the tenant pays -> the non-payment suspension is lifted
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("dunning-servers");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(10, 10, 100_000, 1_000, 10, 10, null, null, null));
        UUID old = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", old);
        UUID invoice = invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId();
        UUID live = servers.order(tenant, catalog, Fixtures.hostname("dun"));
        await().atMost(SETTLE).until(() -> servers.status(live) == GuestStatus.RUNNING);

        data.update("update invoice set due_at = now() - interval '20 days' where id = ?1", invoice);
        assertThat(dunning.advance(invoice)).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION);
        await().atMost(SETTLE).until(() -> servers.status(live) == GuestStatus.STOPPED);
        assertThat(data.string("select status || ' ' || suspension_kind from tenant where id = ?1", tenant))
                .isEqualTo("SUSPENDED NON_PAYMENT");

        data.update("update invoice set due_at = now() - interval '50 days' where id = ?1", invoice);
        assertThat(dunning.advance(invoice)).containsExactly(DunningStep.TERMINATION_WARNING, DunningStep.TERMINATION);
        await().atMost(SETTLE).until(() -> servers.deleted(live));

        ledger.record(tenant, EntryKind.PAYMENT, "0.24", "pay-1", null, "admin");
        assertThat(data.string("select status from tenant where id = ?1", tenant)).isEqualTo("ACTIVE");
    }
}
