package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.Dunning;
import io.innkeeper.billing.ledger.DunningPolicy;
import io.innkeeper.billing.ledger.DunningSettings;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Each dunning step is a mail that names what happens next and when, read back from the real mail server: the
 * reminder (before the suspension) names the amount and the day of suspension, the suspension names what is blocked,
 * how to pay and the day of termination, the warning names the day of termination, and paying restores the account.
 */
@QuarkusTest
class DunningMailTest {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    People people;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    @Inject
    Dunning dunning;

    @Inject
    DunningPolicy policy;

    @Inject
    Ledger ledger;

    @Test
    void everyStepIsMailedWithTheDateOfTheNext() {
        // invoice of EUR 2.40 for January, in the account's zone (Pacific/Auckland)
        // due date moved back past the reminder delay       -> reminder: suspension on due + suspend delay
        // due date moved back past the termination warning  -> suspended (termination on due + terminate delay)
        //                                                      and the termination warning with the same day
        // the customer pays                                 -> payment received, account active again
        DunningSettings settings = policy.current();
        String login = "dunning-mail-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("dunning");
        UUID tenant = fixtures.tenantOf(login, TenantKind.CUSTOMER, null);
        people.remember(login, mail);
        data.update("update tenant set time_zone = 'Pacific/Auckland' where id = ?1", tenant);
        Instant from = Instant.parse("2026-01-05T00:00:00Z");
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), from, from.plus(Duration.ofHours(240)));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        UUID id = invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId();
        String number = queries.get(tenant, id).orElseThrow().number();

        data.update("update invoice set due_at = now() - make_interval(days => ?1) where id = ?2",
                settings.reminderDays() + 1, id);
        assertThat(dunning.advance(id)).containsExactly(DunningStep.REMINDER);
        assertThat(status(tenant)).as("the reminder comes before the suspension").isEqualTo("ACTIVE");
        InvoiceView invoice = queries.get(tenant, id).orElseThrow();
        Mailbox.Message reminder = Mailbox.await(mail, "Reminder: invoice " + number + " is overdue");
        assertThat(reminder.text()).contains("EUR 2.40")
                .contains("suspended on " + day(settings.at(DunningStep.SUSPENSION, invoice.dueAt())))
                .contains("/invoices/" + id);

        data.update("update invoice set due_at = now() - make_interval(days => ?1) where id = ?2",
                (int) settings.after(DunningStep.TERMINATION_WARNING).toDays() + 1, id);
        assertThat(dunning.advance(id)).containsExactly(DunningStep.SUSPENSION, DunningStep.TERMINATION_WARNING);
        assertThat(status(tenant)).isEqualTo("SUSPENDED");
        String termination = day(settings.at(DunningStep.TERMINATION, queries.get(tenant, id).orElseThrow().dueAt()));
        Mailbox.Message suspended = Mailbox.await(mail, "Your account is suspended");
        assertThat(suspended.text()).contains("suspended because EUR 2.40 is overdue")
                .contains("no server can be ordered or started").contains("Pay the overdue invoices")
                .contains("/invoices").contains("terminated on " + termination);
        Mailbox.Message warning = Mailbox.await(mail, "Your servers will be deleted on " + termination);
        assertThat(warning.text()).contains("Invoice " + number + " is still unpaid: EUR 2.40 is outstanding.")
                .contains("terminated on " + termination);

        ledger.record(tenant, EntryKind.PAYMENT, "2.40", "dun-pay", null, "admin");
        assertThat(status(tenant)).isEqualTo("ACTIVE");
        Mailbox.Message active = Mailbox.await(mail, "Your account is active again");
        assertThat(active.text()).contains("Start them from the panel");
        assertThat(Mailbox.await(mail, "Payment of EUR 2.40 received").text()).contains("paid in full");
    }

    String status(UUID tenant) {
        return data.string("select status from tenant where id = ?1", tenant);
    }

    static String day(Instant at) {
        return DAY.format(at.atZone(ZoneId.of("Pacific/Auckland")));
    }
}
