package io.innkeeper.billing.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.PaymentReference;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.Dunning;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;

/**
 * Bank transfer scenarios. Every tenant has one January invoice of EUR 2.40 (240 hours at EUR 0.01), issued when
 * the test runs; the statements are camt.053.001.08 files written as a bank would and checked against the schema.
 */
@QuarkusTest
class BankTransfersTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Inject
    BillingData data;

    @Inject
    BankTransfers bank;

    @Inject
    Ledger ledger;

    @Inject
    Dunning dunning;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    @Inject
    Audit audit;

    UUID tenant() {
        UUID tenant = data.tenant("bank", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        return tenant;
    }

    InvoiceView invoice(UUID tenant) {
        return queries.get(tenant, invoicer.invoice(tenant, JANUARY).invoiceId()).orElseThrow();
    }

    InvoiceView reread(InvoiceView invoice) {
        return queries.get(invoice.tenantId(), invoice.id()).orElseThrow();
    }

    BankTransfers.ImportSummary importFile(Camt053File file) throws Exception {
        byte[] xml = file.bytes();
        Camt053FileTest.validate(xml);
        return bank.importStatement(audit.by(new Actor("bank-admin", null, null, null)), "statement.xml", xml,
                "bank-admin");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void matchedInvoicesTurnPaidAndASecondImportChangesNothing() throws Exception {
        // statement: A pays 2.40 quoting its reference (structured), B pays 2.40 with the reference typed into the
        // free text in groups of four, and a third credit quotes nothing
        InvoiceView a = invoice(tenant());
        InvoiceView b = invoice(tenant());
        String refA = unique("A");
        String refB = unique("B");
        String refC = unique("C");
        Camt053File file = new Camt053File(unique("STMT"))
                .credit(refA, "2.40", a.paymentReference())
                .creditWithText(refB, "2.40", "Invoice " + b.printedPaymentReference() + " many thanks")
                .creditWithText(refC, "7.00", "for the servers")
                .line(new Camt053File.Line(unique("D"), null, "50.00", "EUR", false, "BOOK", "Power company",
                        null, null));

        BankTransfers.ImportSummary first = importFile(file);
        assertThat(first.credits()).isEqualTo(3);
        assertThat(first.known()).isZero();
        assertThat(first.skipped()).isEqualTo(1);
        assertThat(first.unmatched()).isEqualTo(1);
        assertThat(reread(a).isPaid()).isTrue();
        assertThat(reread(b).isPaid()).isTrue();
        var credits = bank.get(first.id()).orElseThrow().credits();
        assertThat(credits).extracting(BankTransfers.Credit::outcome).containsExactly(BankTransfers.Outcome.EXACT,
                BankTransfers.Outcome.EXACT, BankTransfers.Outcome.UNMATCHED);
        assertThat(credits.get(0).invoiceNumber()).isEqualTo(a.number());
        assertThat(credits.get(1).reference()).isEqualTo(b.paymentReference());
        assertThat(credits.get(2).reason()).isEqualTo("no payment reference found");
        assertThat(ledger.entries(a.tenantId())).filteredOn(e -> refA.equals(e.reference())).hasSize(1);
        assertThat(data.sum("select count(*) from outbox_event where tenant_id = ?1 and type = "
                + "'invoice.payment_received'", a.tenantId())).isEqualTo(1);
        assertThat(data.sum("select count(*) from audit_event where action = 'billing.bank_import' and target_id = ?1",
                first.id().toString())).isEqualTo(1);
        assertThat(data.sum("select count(*) from audit_event where action = 'billing.payment' and tenant_id = ?1",
                a.tenantId())).isEqualTo(1);

        long entries = data.sum("select count(*) from ledger_entry");
        long creditRows = data.sum("select count(*) from bank_credit");
        BankTransfers.ImportSummary again = importFile(file);
        assertThat(again.credits()).isZero();
        assertThat(again.known()).isEqualTo(3);
        assertThat(again.unmatched()).isZero();
        assertThat(data.sum("select count(*) from ledger_entry")).isEqualTo(entries);
        assertThat(data.sum("select count(*) from bank_credit")).isEqualTo(creditRows);
        assertThat(reread(a).paid()).isEqualTo(Money.of("2.40", "EUR"));
        assertThat(ledger.balance(a.tenantId())).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(data.sum("select count(*) from outbox_event where tenant_id = ?1 and type = "
                + "'invoice.payment_received'", a.tenantId())).isEqualTo(1);
    }

    @Test
    void partialPaymentThenOverPaymentPutsTheRestOnCredit() throws Exception {
        // day 1: EUR 1.00 arrives for the EUR 2.40 invoice: partial, 1.40 still due
        // day 2: EUR 2.00 arrives for it: it is paid, and EUR 0.60 stays on the account as prepaid credit
        InvoiceView invoice = invoice(tenant());
        importFile(new Camt053File(unique("DAY1")).credit(unique("P1"), "1.00", invoice.paymentReference()));
        assertThat(reread(invoice).due()).isEqualTo(Money.of("1.40", "EUR"));
        assertThat(reread(invoice).isPaid()).isFalse();

        BankTransfers.ImportSummary day2 = importFile(new Camt053File(unique("DAY2"))
                .credit(unique("P2"), "2.00", invoice.paymentReference()));
        assertThat(bank.get(day2.id()).orElseThrow().credits()).extracting(BankTransfers.Credit::outcome)
                .containsExactly(BankTransfers.Outcome.OVER);
        assertThat(reread(invoice).isPaid()).isTrue();
        assertThat(ledger.balance(invoice.tenantId())).isEqualTo(Money.of("-0.60", "EUR"));
    }

    @Test
    void partialOutcomeIsShownAsPartial() throws Exception {
        InvoiceView invoice = invoice(tenant());
        BankTransfers.ImportSummary summary = importFile(new Camt053File(unique("PART"))
                .credit(unique("P"), "0.40", invoice.paymentReference()));
        assertThat(bank.get(summary.id()).orElseThrow().credits()).extracting(BankTransfers.Credit::outcome)
                .containsExactly(BankTransfers.Outcome.PARTIAL);
        assertThat(reread(invoice).due()).isEqualTo(Money.of("2.00", "EUR"));
    }

    @Test
    void unmatchedCreditIsAssignedByHandOnce() throws Exception {
        // a credit quoting a well-formed reference that names no invoice, and one in another currency
        InvoiceView invoice = invoice(tenant());
        String unknown = unique("U");
        String dollars = unique("USD");
        BankTransfers.ImportSummary summary = importFile(new Camt053File(unique("UNM"))
                .credit(unknown, "2.40", PaymentReference.of("NOSUCHINVOICE1"))
                .line(new Camt053File.Line(dollars, null, "2.40", "USD", true, "BOOK", "Abroad",
                        invoice.paymentReference(), null)));
        var credits = bank.get(summary.id()).orElseThrow().credits();
        assertThat(credits).extracting(BankTransfers.Credit::reason)
                .containsExactly("the reference names no invoice", "paid in USD, invoiced in EUR");
        assertThat(reread(invoice).isPaid()).isFalse();
        ChangeLogged log = new ChangeLogged(audit);

        assertThatThrownBy(() -> bank.assign(log.log(), dollars, invoice.tenantId(), "bank-admin"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("tenant"));
        bank.assign(log.log(), unknown, invoice.tenantId(), "bank-admin");
        assertThat(reread(invoice).isPaid()).isTrue();
        assertThat(bank.get(summary.id()).orElseThrow().credits().get(0).outcome())
                .isEqualTo(BankTransfers.Outcome.ASSIGNED);
        assertThatThrownBy(() -> bank.assign(log.log(), unknown, invoice.tenantId(), "bank-admin"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("credit"));
        assertThat(ledger.entries(invoice.tenantId())).filteredOn(e -> unknown.equals(e.reference())).hasSize(1);
    }

    @Test
    void payingTheOverdueInvoiceByTransferLiftsTheSuspension() throws Exception {
        // the invoice fell due 20 days ago: reminded and suspended for non-payment; the transfer arrives
        UUID tenant = tenant();
        InvoiceView invoice = invoice(tenant);
        data.update("update invoice set due_at = now() - interval '20 days' where id = ?1", invoice.id());
        assertThat(dunning.advance(invoice.id())).containsExactly(DunningStep.REMINDER, DunningStep.SUSPENSION);
        assertThat(status(tenant)).isEqualTo("SUSPENDED NON_PAYMENT");
        importFile(new Camt053File(unique("LATE")).credit(unique("L"), "2.40", invoice.paymentReference()));
        assertThat(status(tenant)).isEqualTo("ACTIVE null");
    }

    @Test
    void creditTheLedgerCannotBookWaitsUnmatched() throws Exception {
        InvoiceView invoice = invoice(tenant());
        BankTransfers.ImportSummary summary = importFile(new Camt053File(unique("FRAC"))
                .credit(unique("F"), "2.405", invoice.paymentReference()));
        assertThat(bank.get(summary.id()).orElseThrow().credits()).extracting(BankTransfers.Credit::reason)
                .containsExactly("an amount the ledger cannot book in EUR");
        assertThat(reread(invoice).isPaid()).isFalse();
    }

    @Test
    void refusesWhatIsNoStatementNamingTheFile() {
        for (byte[] bad : new byte[][] { new byte[0], "not xml".getBytes(), new byte[BankTransfers.MAX_BYTES + 1] }) {
            assertThatThrownBy(() -> bank.importStatement(audit.by(Actor.SYSTEM), "x.xml", bad, "bank-admin"))
                    .isInstanceOfSatisfying(InvalidInput.class,
                            e -> assertThat(e.errors().asMap()).containsKey("file"));
        }
    }

    String status(UUID tenant) {
        return data.string("select status || ' ' || coalesce(suspension_kind, 'null') from tenant where id = ?1",
                tenant);
    }

    /** An admin's change log for calls made outside a request. */
    record ChangeLogged(Audit audit) {
        io.innkeeper.kernel.ChangeLog log() {
            return audit.by(new Actor("bank-admin", null, null, null));
        }
    }
}
