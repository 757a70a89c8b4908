package io.innkeeper.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;

@QuarkusTest
class LedgerTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Inject
    BillingData data;

    @Inject
    Ledger ledger;

    @Inject
    Dunning dunning;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    /** A tenant with a January invoice of EUR 2.40 (240 hours at EUR 0.01). */
    UUID tenant() {
        UUID tenant = data.tenant("ledger", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        return tenant;
    }

    InvoiceView invoice(UUID tenant) {
        return queries.get(tenant, invoicer.invoice(tenant, JANUARY).invoiceId()).orElseThrow();
    }

    @Test
    void prepaidCreditIsAppliedToTheNextInvoice() {
        UUID tenant = tenant();
        ledger.record(tenant, EntryKind.CREDIT, "3.00", null, "goodwill", "admin");
        assertThat(ledger.balance(tenant)).isEqualTo(Money.of("-3.00", "EUR"));
        InvoiceView invoice = invoice(tenant);
        assertThat(invoice.total()).isEqualTo(Money.of("2.40", "EUR"));
        assertThat(invoice.isPaid()).isTrue();
        assertThat(invoice.paidAt()).isNotNull();
        assertThat(ledger.balance(tenant)).isEqualTo(Money.of("-0.60", "EUR"));
    }

    @Test
    void partialPaymentLeavesTheRestDue() {
        UUID tenant = tenant();
        UUID id = invoice(tenant).id();
        ledger.record(tenant, EntryKind.PAYMENT, "1.00", "bank-1", null, "admin");
        assertThat(ledger.record(tenant, EntryKind.PAYMENT, "1.00", "bank-1", null, "gateway")).isFalse();
        InvoiceView invoice = queries.get(tenant, id).orElseThrow();
        assertThat(invoice.due()).isEqualTo(Money.of("1.40", "EUR"));
        assertThat(ledger.entries(tenant)).hasSize(2);
    }

    @Test
    void dunningRemindsThenSuspendsAndPayingLiftsTheSuspension() {
        // issued; due date moved to 20 days ago: reminder (3 d) and suspension (14 d) are due, termination (45 d) not
        UUID tenant = tenant();
        UUID id = invoice(tenant).id();
        data.update("update invoice set due_at = now() - interval '20 days' where id = ?1", id);
        assertThat(dunning.overdueInvoices()).contains(id);
        assertThat(dunning.advance(id)).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION);
        assertThat(dunning.advance(id)).isEmpty();
        assertThat(status(tenant)).isEqualTo("SUSPENDED NON_PAYMENT");
        ledger.record(tenant, EntryKind.PAYMENT, "2.40", null, null, "admin");
        assertThat(status(tenant)).isEqualTo("ACTIVE null");
        assertThat(dunning.overdueInvoices()).doesNotContain(id);
        assertThat(dunning.taken(id)).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION);
    }

    @Test
    void payingDoesNotLiftAnAdminSuspension() {
        UUID tenant = tenant();
        UUID id = invoice(tenant).id();
        data.update("update invoice set due_at = now() - interval '50 days' where id = ?1", id);
        data.update("update tenant set status = 'SUSPENDED', suspension_kind = 'ADMIN', suspension_reason = 'abuse', "
                + "suspended_at = now(), suspended_by = 'root' where id = ?1", tenant);
        assertThat(dunning.advance(id)).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION,
                DunningStep.TERMINATION_WARNING, DunningStep.TERMINATION);
        assertThat(status(tenant)).isEqualTo("SUSPENDED ADMIN");
        ledger.record(tenant, EntryKind.PAYMENT, "2.40", null, null, "admin");
        assertThat(status(tenant)).isEqualTo("SUSPENDED ADMIN");
    }

    @Test
    void rejectsBadAmountsNamingTheField() {
        UUID tenant = tenant();
        for (String bad : new String[] { "", "abc", "-1", "0", "1.001" }) {
            assertThatThrownBy(() -> ledger.record(tenant, EntryKind.PAYMENT, bad, null, null, "admin"))
                    .isInstanceOfSatisfying(InvalidInput.class,
                            e -> assertThat(e.errors().asMap()).containsKey("amount"));
        }
        assertThat(ledger.entries(tenant)).isEmpty();
    }

    String status(UUID tenant) {
        return data.string("select status || ' ' || coalesce(suspension_kind, 'null') from tenant where id = ?1",
                tenant);
    }
}
