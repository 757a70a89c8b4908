package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;

/**
 * Invoice and payment mails, read back from the real mail server: an issued invoice comes with its PDF (read by a
 * second PDF library) in the reader's language, numbers and dates; each payment is one mail, and the one that settles
 * the invoices says so instead of a second "paid" mail.
 */
@QuarkusTest
class BillingMailTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

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
    Ledger ledger;

    @Inject
    EntityManager em;

    record Account(UUID tenant, String login, String mail) {
    }

    @Test
    void anIssuedInvoiceIsMailedWithItsPdf() throws IOException {
        Account a = account("inv", "en", "UTC");
        InvoiceView invoice = invoice(a.tenant(), "0.0100", "5.00", 240);
        assertThat(invoice.total().toString()).isEqualTo("EUR 2.40");

        Mailbox.Message mail = Mailbox.await(a.mail(), "Invoice " + invoice.number());
        assertThat(mail.subject()).isEqualTo("Invoice " + invoice.number() + ": EUR 2.40");
        assertThat(mail.text()).contains("Total: EUR 2.40")
                .contains("Due on: " + day(invoice.dueAt(), "MMMM d, yyyy", Locale.ENGLISH, "UTC"))
                .contains("/invoices/" + invoice.id()).contains(invoice.period())
                .contains("Payment reference for a bank transfer: " + invoice.printedPaymentReference());
        assertThat(mail.html()).contains("EUR 2.40").contains(invoice.number());
        assertThat(mail.header("List-Unsubscribe")).as("billing mail cannot be switched off").isNull();
        assertThat(mail.attachments()).hasSize(1);
        Mailbox.Attachment pdf = mail.attachments().get(0);
        assertThat(pdf.name()).isEqualTo(invoice.number() + ".pdf");
        assertThat(pdf.contentType()).startsWith("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.data())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Invoice " + invoice.number())
                    .contains("EUR 2.40").contains(invoice.printedPaymentReference());
        }
    }

    @Test
    void aGermanAccountReadsGermanAmountsAndDates() {
        // one hour at EUR 1234.50, capped at EUR 1234.50 a month: the invoice totals EUR 1.234,50 in German
        Account a = account("de", "de", "Europe/Berlin");
        InvoiceView invoice = invoice(a.tenant(), "1234.50", "1234.50", 1);
        assertThat(invoice.total().toString()).isEqualTo("EUR 1234.50");

        Mailbox.Message mail = Mailbox.await(a.mail(), "Rechnung " + invoice.number());
        String due = day(invoice.dueAt(), "d. MMMM yyyy", Locale.GERMAN, "Europe/Berlin");
        assertThat(due).matches("\\d{1,2}\\. [A-Za-zä]+ \\d{4}");
        assertThat(mail.subject()).isEqualTo("Rechnung " + invoice.number() + ": EUR 1.234,50");
        assertThat(mail.text()).startsWith("Guten Tag,").contains("Gesamtbetrag: EUR 1.234,50")
                .contains("Fällig am: " + due).contains("kann nicht abbestellt werden");
        assertThat(mail.html()).contains("EUR 1.234,50").contains(due).contains("lang=\"de\"");
    }

    @Test
    void eachPaymentIsOneMailAndTheSettlingOneSaysPaidInFull() {
        // invoice EUR 2.40; a payment of 1.00 leaves 1.40; a payment of 1.40 settles it (invoice.paid: no mail)
        Account a = account("pay", "en", "UTC");
        InvoiceView invoice = invoice(a.tenant(), "0.0100", "5.00", 240);
        Mailbox.await(a.mail(), "Invoice " + invoice.number());

        assertThat(ledger.record(a.tenant(), EntryKind.PAYMENT, "1.00", "pay-1", null, "admin")).isTrue();
        Mailbox.Message first = Mailbox.await(a.mail(), "Payment of EUR 1.00 received");
        assertThat(first.text()).contains("applied to invoice " + invoice.number())
                .contains("Still outstanding: EUR 1.40.").doesNotContain("paid in full");

        assertThat(ledger.record(a.tenant(), EntryKind.PAYMENT, "1.40", "pay-2", null, "admin")).isTrue();
        Mailbox.Message second = Mailbox.await(a.mail(), "Payment of EUR 1.40 received");
        assertThat(second.text()).contains("Your invoices are now paid in full.").doesNotContain("Still outstanding");

        assertThat(topics(a.tenant())).containsExactly("invoice_issued", "payment_received", "payment_received");
        assertThat(count("select count(*) from outbox_event where tenant_id = :t and type = 'invoice.paid'",
                a.tenant())).as("the paid event still reaches webhooks").isEqualTo(1);
        assertThat(Mailbox.messages(a.mail())).hasSize(3);
    }

    Account account(String prefix, String language, String zone) {
        String login = "bill-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress(prefix);
        UUID tenant = fixtures.tenantOf(login, TenantKind.CUSTOMER, null);
        people.remember(login, mail);
        data.update("update tenant set language = ?1, time_zone = ?2 where id = ?3", language, zone, tenant);
        return new Account(tenant, login, mail);
    }

    /** The tenant's January invoice for one server that lived {@code hours} hours at a price. */
    InvoiceView invoice(UUID tenant, String hourly, String cap, int hours) {
        Instant from = Instant.parse("2026-01-05T00:00:00Z");
        UUID server = data.server(tenant, data.plan(hourly, cap, 1000), from, from.plusSeconds(3600L * hours));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        return queries.get(tenant, invoicer.invoice(tenant, JANUARY).invoiceId()).orElseThrow();
    }

    static String day(Instant at, String pattern, Locale locale, String zone) {
        return DateTimeFormatter.ofPattern(pattern, locale).format(at.atZone(ZoneId.of(zone)));
    }

    @SuppressWarnings("unchecked")
    List<String> topics(UUID tenant) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select topic from notification where about_tenant_id = :t order by created_at, topic")
                .setParameter("t", tenant).getResultList());
    }

    long count(String sql, UUID tenant) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("t", tenant).getSingleResult()).longValue());
    }
}
