package io.innkeeper.billing.reseller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.Outcome;
import io.innkeeper.billing.invoice.RunResult;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.reseller.ResellerInvoices.IssuedInvoice;
import io.innkeeper.billing.reseller.ResellerInvoicing.PriceForm;
import io.innkeeper.billing.reseller.ResellerInvoicing.SellerForm;
import io.innkeeper.billing.tax.InvoiceTaxScenariosTest;
import io.innkeeper.billing.tax.TaxTreatment;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.ChangeLog;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.TaxDetails;

/**
 * A reseller established in Germany invoices its customers through the panel, on a deployment that charges VAT from
 * Germany. The platform's plan costs EUR 0.10 an hour, at most EUR 50.00 a month; the reseller sells it at EUR 0.25
 * an hour, at most EUR 90.00. Timeline (UTC):
 * <pre>
 * 2025-12-01 00:00  customer B's server is created and runs all January: 744 started hours
 * 2026-01-10 00:00  customer A's server is created
 * 2026-01-11 00:30  ... and deleted: 25 started hours, the last one begun half an hour before
 * 2026-02-01 00:00  January ends; the run invoices the reseller (platform prices) and A and B (reseller prices)
 * </pre>
 * A is a German consumer (19 % VAT from the reseller), B a French business with a French VAT id (reverse charge).
 */
@QuarkusTest
@TestProfile(InvoiceTaxScenariosTest.SellerInGermany.class)
class ResellerInvoiceScenariosTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);
    static final ChangeLog LOG = change -> {
    };

    @Inject
    BillingData data;

    @Inject
    TaxDetails taxDetails;

    @Inject
    ResellerInvoicing invoicing;

    @Inject
    ResellerInvoicer resellerInvoicer;

    @Inject
    ResellerInvoices resellerInvoices;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    @Inject
    InvoiceRun run;

    UUID reseller;
    UUID customerA;
    UUID customerB;
    UUID plan;
    String code;

    @BeforeEach
    void setUp() {
        reseller = data.tenant("reseller", "UTC", null);
        taxDetails.set(Actor.SYSTEM, reseller, new TaxDetails.Form("DE", true, "DE136695976"));
        customerA = data.tenant("customer-a", "UTC", reseller);
        taxDetails.set(Actor.SYSTEM, customerA, new TaxDetails.Form("DE", false, ""));
        customerB = data.tenant("customer-b", "UTC", reseller);
        taxDetails.set(Actor.SYSTEM, customerB, new TaxDetails.Form("FR", true, "FR40303265045"));
        plan = data.plan("0.1000", "50.00", 1000);
        code = data.string("select code from plan where id = ?1", plan);
        data.server(customerA, plan, Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:30:00Z"));
        data.server(customerB, plan, Instant.parse("2025-12-01T00:00:00Z"), null);
        invoicing.saveSeller(LOG, reseller, new SellerForm(true, "Rita Hosting Ltd", "1 Main Street\n10115 Berlin",
                "rh-", "0.02", "0.08"));
        invoicing.savePrices(LOG, reseller, Map.of(code, new PriceForm("0.2500", "90.00")));
    }

    IssuedInvoice invoiceOf(UUID customer) {
        Outcome outcome = resellerInvoicer.invoice(customer, JANUARY);
        assertThat(outcome.kind()).as(String.valueOf(outcome.detail())).isEqualTo(Outcome.Kind.ISSUED);
        return resellerInvoices.get(customer, outcome.invoiceId()).orElseThrow();
    }

    @Test
    void aCustomerGetsTheResellersInvoiceAtTheResellersPriceWhileTheResellerGetsThePlatforms() throws IOException {
        IssuedInvoice a = invoiceOf(customerA);
        InvoiceView.LineView line = a.invoice().lines().get(0);
        assertThat(line.quantity()).isEqualByComparingTo("25");
        assertThat(line.unitPrice()).isEqualTo(Money.of("0.25", "EUR"));
        assertThat(line.amount()).isEqualTo(Money.of("6.25", "EUR"));
        // 6.25 x 19 % = 1.1875, rounded once to 1.19; the reseller is the seller, in Germany like the customer.
        assertThat(a.invoice().tax().treatment()).isEqualTo(TaxTreatment.DOMESTIC);
        assertThat(a.invoice().tax().tax()).isEqualTo(Money.of("1.19", "EUR"));
        assertThat(a.invoice().total()).isEqualTo(Money.of("7.44", "EUR"));
        assertThat(a.invoice().number()).isEqualTo("RH-000001");
        assertThat(a.seller().name()).isEqualTo("Rita Hosting Ltd");
        assertThat(a.seller().addressLines()).containsExactly("1 Main Street", "10115 Berlin");
        assertThat(a.seller().vatId()).isEqualTo("DE136695976");

        // B ran all month: 744 h x 0.25 = 186.00, capped at the reseller's 90.00 by the same rule as the platform's.
        IssuedInvoice b = invoiceOf(customerB);
        assertThat(b.invoice().lines().get(0).description()).contains("capped at the monthly EUR 90.00");
        assertThat(b.invoice().tax().treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(b.invoice().total()).isEqualTo(Money.of("90.00", "EUR"));
        assertThat(b.invoice().number()).isEqualTo("RH-000002");

        // The platform invoices the reseller for both customers' servers at its own prices, as before:
        // 25 x 0.10 = 2.50 and 744 x 0.10 = 74.40 capped at 50.00; net 52.50, 19 % = 9.975, half-even 9.98.
        Outcome platform = invoicer.invoice(reseller, JANUARY);
        InvoiceView resellers = queries.get(reseller, platform.invoiceId()).orElseThrow();
        assertThat(resellers.lines()).filteredOn(l -> l.kind().equals("SERVER")).extracting(InvoiceView.LineView::amount)
                .containsExactlyInAnyOrder(Money.of("2.50", "EUR"), Money.of("50.00", "EUR"));
        assertThat(resellers.tax().net()).isEqualTo(Money.of("52.50", "EUR"));
        assertThat(resellers.total()).isEqualTo(Money.of("62.48", "EUR"));
        assertThat(resellers.number()).startsWith("INV-");
        // The customers have no platform invoice, and the reseller's invoices are not the platform's receivables.
        assertThat(data.sum("select count(*) from invoice where tenant_id in (?1, ?2)", customerA, customerB))
                .isZero();
        assertThat(data.sum("select count(*) from ledger_entry where tenant_id in (?1, ?2)", customerA, customerB))
                .isZero();

        String pdf = text(InvoicePdf.render(a.invoice(), a.seller()));
        assertThat(pdf).contains("Rita Hosting Ltd").contains("10115 Berlin").contains("VAT id DE136695976")
                .contains("Invoice RH-000001").contains("EUR 6.25").contains("EUR 7.44");
    }

    @Test
    void theResellerSeesItsMarginPerCustomerAndMonth() {
        invoiceOf(customerA);
        invoiceOf(customerB);
        invoicer.invoice(reseller, JANUARY);
        List<ResellerInvoices.Month> months = resellerInvoices.margins(reseller, 12);
        assertThat(months).singleElement().satisfies(m -> {
            assertThat(m.period()).isEqualTo("2026-01");
            assertThat(m.customers()).extracting(ResellerInvoices.Margin::customerId)
                    .containsExactlyInAnyOrder(customerA, customerB);
            ResellerInvoices.Margin a = m.customers().stream().filter(c -> c.customerId().equals(customerA))
                    .findFirst().orElseThrow();
            assertThat(a.invoiced()).isEqualTo(Money.of("6.25", "EUR"));
            assertThat(a.platformCost()).isEqualTo(Money.of("2.50", "EUR"));
            assertThat(a.margin()).isEqualTo(Money.of("3.75", "EUR"));
            ResellerInvoices.Margin b = m.customers().stream().filter(c -> c.customerId().equals(customerB))
                    .findFirst().orElseThrow();
            assertThat(b.margin()).isEqualTo(Money.of("40.00", "EUR"));
            assertThat(m.invoiced()).isEqualTo(Money.of("96.25", "EUR"));
            assertThat(m.platformCost()).isEqualTo(Money.of("52.50", "EUR"));
            assertThat(m.margin()).isEqualTo(Money.of("43.75", "EUR"));
            assertThat(m.pooledTraffic()).isEqualTo(Money.of("0.00", "EUR"));
        });
        // Another reseller sees none of it.
        UUID other = data.tenant("reseller", "UTC", null);
        assertThat(resellerInvoices.margins(other, 12)).isEmpty();
    }

    @Test
    void numbersRunWithoutGapsPerResellerUnderConcurrentRuns() throws Exception {
        List<UUID> customers = new ArrayList<>(List.of(customerA, customerB));
        for (int i = 0; i < 4; i++) {
            UUID c = data.tenant("customer", "Europe/Berlin", reseller);
            data.server(c, plan, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T02:00:00Z"));
            customers.add(c);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<List<Outcome>>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return customers.stream().map(c -> resellerInvoicer.invoice(c, JANUARY)).toList();
            }));
        }
        List<Outcome> all = new ArrayList<>();
        for (var f : runs) {
            all.addAll(f.get());
        }
        assertThat(all).filteredOn(o -> o.kind() == Outcome.Kind.ISSUED).hasSize(6);
        assertThat(all).filteredOn(o -> o.kind() == Outcome.Kind.EXISTING).hasSize(6);
        assertThat(data.sum("select count(*) from reseller_invoice where reseller_id = ?1", reseller)).isEqualTo(6);
        assertThat(data.sum("select max(number) from reseller_invoice where reseller_id = ?1", reseller)).isEqualTo(6);
        assertThat(data.sum("select count(distinct number) from reseller_invoice where reseller_id = ?1", reseller))
                .isEqualTo(6);
        // Another reseller's sequence starts at its own 1; the platform's is untouched by these.
        UUID other = data.tenant("reseller", "UTC", null);
        UUID customer = data.tenant("customer", "UTC", other);
        data.server(customer, plan, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T02:00:00Z"));
        invoicing.saveSeller(LOG, other, new SellerForm(true, "Other Reseller", "", "INV-", "0", "0"));
        invoicing.savePrices(LOG, other, Map.of(code, new PriceForm("1", "100")));
        assertThat(invoiceOf(customer).invoice().number()).isEqualTo("INV-000001");
        assertThat(data.sum("select count(*) from invoice where tenant_id in (select id from tenant "
                + "where parent_id = ?1)", reseller)).isZero();
    }

    @Test
    void theInvoiceRunIssuesBothOnceAndRunsAgainWithoutChange() {
        RunResult result = run.run(JANUARY, "test");
        // The run takes the customers in no fixed order: their two numbers are the reseller's first two, no gap.
        assertThat(result.outcomes()).filteredOn(o -> o.tenantId().equals(customerA)
                || o.tenantId().equals(customerB)).extracting(Outcome::number)
                .containsExactlyInAnyOrder("RH-000001", "RH-000002");
        assertThat(result.outcomes()).filteredOn(o -> o.tenantId().equals(reseller)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(Outcome.Kind.ISSUED));
        assertThat(resellerInvoices.list(customerA)).singleElement()
                .satisfies(i -> assertThat(i.tax().net()).isEqualTo(Money.of("6.25", "EUR")));
        RunResult again = run.run(JANUARY, "test");
        assertThat(again.outcomes()).filteredOn(o -> o.tenantId().equals(customerA) || o.tenantId().equals(customerB))
                .extracting(Outcome::kind).containsOnly(Outcome.Kind.EXISTING);
        assertThat(data.sum("select count(*) from reseller_invoice where reseller_id = ?1", reseller)).isEqualTo(2);
    }

    @Test
    void aPlanWithoutTheResellersPriceIsNotInvoicedAndUsesNoNumber() {
        UUID unpriced = data.plan("0.0500", "20.00", 500);
        UUID c = data.tenant("customer", "UTC", reseller);
        data.server(c, unpriced, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T02:00:00Z"));
        Outcome outcome = resellerInvoicer.invoice(c, JANUARY);
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.FAILED);
        assertThat(outcome.detail()).contains("no price for plan");
        assertThat(resellerInvoices.list(c)).isEmpty();
        assertThat(invoiceOf(customerA).invoice().number()).isEqualTo("RH-000001");
    }

    @Test
    void anotherTenantsInvoiceOrPriceListIsNotFound() {
        IssuedInvoice a = invoiceOf(customerA);
        assertThat(resellerInvoices.get(customerB, a.invoice().id())).isEmpty();
        assertThat(resellerInvoices.get(reseller, a.invoice().id())).isEmpty();
        assertThat(queries.get(customerA, a.invoice().id())).isEmpty();
        // A customer has no price list of its own, and a direct customer is no reseller either.
        assertThatThrownBy(() -> invoicing.settings(customerA)).isInstanceOf(NotFound.class);
        UUID direct = data.tenant("direct", "UTC", null);
        assertThatThrownBy(() -> invoicing.savePrices(LOG, direct, Map.of(code, new PriceForm("1", "2"))))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void badInputIsRefusedFieldByFieldWithNothingStored() {
        assertThatThrownBy(() -> invoicing.savePrices(LOG, reseller, Map.of(code, new PriceForm("abc", "-1"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsKeys(ResellerInvoicing.hourlyField(code), ResellerInvoicing.capField(code)));
        assertThatThrownBy(() -> invoicing.savePrices(LOG, reseller, Map.of(code, new PriceForm("0.123456", ""))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap())
                        .containsEntry(ResellerInvoicing.hourlyField(code), "At most 4 decimals.")
                        .containsEntry(ResellerInvoicing.capField(code), "Enter a price."));
        assertThatThrownBy(() -> invoicing.savePrices(LOG, reseller, Map.of("no-such-plan", new PriceForm("1", "2"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap()).containsKey("plan"));
        assertThat(invoicing.priceList(reseller).rates().get(code).hourly()).isEqualTo(Money.of("0.2500", "EUR"));

        assertThatThrownBy(() -> invoicing.saveSeller(LOG, reseller, new SellerForm(true, " ", "x".repeat(501),
                "bad prefix!", "1e3", "0.5"))).isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(
                        e.errors().asMap()).containsKeys("sellerName", "sellerAddress", "numberPrefix", "trafficPerGb")
                        .doesNotContainKey("snapshotPerGbMonth"));
        assertThat(invoicing.settings(reseller).sellerName()).isEqualTo("Rita Hosting Ltd");

        assertThatThrownBy(() -> invoicing.setLogo(LOG, reseller, "<svg/>".getBytes()))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("logo"))
                        .contains("PNG or JPEG"));
        byte[] huge = new byte[Logo.MAX_BYTES + 1];
        huge[0] = (byte) 0x89;
        assertThatThrownBy(() -> invoicing.setLogo(LOG, reseller, huge)).isInstanceOf(InvalidInput.class);
        assertThat(invoicing.settings(reseller).seller().hasLogo()).isFalse();
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
