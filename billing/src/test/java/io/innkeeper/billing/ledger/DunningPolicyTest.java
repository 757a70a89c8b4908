package io.innkeeper.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.InvalidInput;

@QuarkusTest
class DunningPolicyTest {

    @Inject
    BillingData data;

    @Inject
    DunningPolicy policy;

    @Inject
    Dunning dunning;

    @Inject
    TenantInvoicer invoicer;

    @AfterEach
    void backToTheConfiguration() {
        data.update("delete from dunning_settings");
    }

    /** An invoice of a tenant, due {@code daysAgo} days ago and unpaid. */
    UUID overdue(int daysAgo) {
        UUID tenant = data.tenant("policy", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        UUID invoice = invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId();
        data.update("update invoice set due_at = now() - make_interval(days => ?2) where id = ?1", invoice, daysAgo);
        return invoice;
    }

    @Test
    void theConfigurationAppliesUntilAnAdminSaves() {
        assertThat(policy.current()).isEqualTo(new DunningSettings(3, 14, 45, 0));
        assertThat(policy.current().isDefault()).isTrue();
        assertThat(policy.save(new DunningSettings(1, 2, 3, 0), "admin").version()).isEqualTo(1);
        assertThat(policy.save(new DunningSettings(2, 5, 9, 0), "admin")).isEqualTo(new DunningSettings(2, 5, 9, 2));
        assertThat(policy.current()).isEqualTo(new DunningSettings(2, 5, 9, 2));
    }

    @Test
    void savedSettingsChangeWhatTheDunningRunDoes() {
        // due 6 days ago. Configuration (3/14/45): only the reminder is due.
        UUID before = overdue(6);
        assertThat(dunning.advance(before)).containsExactly(DunningStep.REMINDER);
        // saved 1/5/30: a fresh invoice 6 days late gets reminder and suspension at once
        policy.save(new DunningSettings(1, 5, 30, 0), "admin");
        UUID after = overdue(6);
        assertThat(dunning.advance(after)).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION);
        // and the first invoice, already reminded, is now suspended too
        assertThat(dunning.advance(before)).containsExactly(DunningStep.SUSPENSION);
    }

    @Test
    void rejectsBadSettingsNamingTheField() {
        assertThatThrownBy(() -> DunningSettings.parse("-1", "14", "45")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors().asMap()).containsOnlyKeys("reminderDays"));
        assertThatThrownBy(() -> DunningSettings.parse("3", "two", "45")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors().asMap()).containsOnlyKeys("suspendDays"));
        assertThatThrownBy(() -> DunningSettings.parse("5", "5", "45")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors().asMap()).containsOnlyKeys("suspendDays"));
        assertThatThrownBy(() -> DunningSettings.parse("3", "14", "14")).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors().asMap()).containsOnlyKeys("terminateDays"));
        assertThat(DunningSettings.parse(" 0 ", "1", "2")).isEqualTo(new DunningSettings(0, 1, 2, 0));
    }
}
