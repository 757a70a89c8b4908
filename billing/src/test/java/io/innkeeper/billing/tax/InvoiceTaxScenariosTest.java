package io.innkeeper.billing.tax;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.InvoicePdf;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.Outcome;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.Money;
import io.innkeeper.tenancy.TaxDetails;
import io.innkeeper.testing.Fixtures;

/**
 * Invoices of a provider established in Germany, as timelines: one server of a plan at EUR 0.10 an hour lives 24
 * hours in January 2026, so every invoice's net is EUR 2.40, and the customer's country, business and VAT id decide
 * the rest. Tax is rounded once per invoice (half-even).
 */
@QuarkusTest
@TestProfile(InvoiceTaxScenariosTest.SellerInGermany.class)
public class InvoiceTaxScenariosTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    /** The provider charges VAT from Germany. */
    public static class SellerInGermany implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("innkeeper.billing.tax.seller-country", "DE");
        }
    }

    @Inject
    BillingData data;

    @Inject
    Fixtures fixtures;

    @Inject
    TaxDetails taxDetails;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    @Inject
    Ledger ledger;

    InvoiceView invoiceFor(UUID tenant) {
        data.server(tenant, data.plan("0.1000", "50.00", 1000), Instant.parse("2026-01-10T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        Outcome outcome = invoicer.invoice(tenant, JANUARY);
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ISSUED);
        return queries.get(tenant, outcome.invoiceId()).orElseThrow();
    }

    UUID tenant(String country, boolean business, String vatId) {
        UUID tenant = data.tenant("tax", "UTC", null);
        taxDetails.set(Actor.SYSTEM, tenant, new TaxDetails.Form(country, business, vatId));
        return tenant;
    }

    @Test
    void aGermanConsumerPaysNineteenPercent() {
        InvoiceView invoice = invoiceFor(tenant("DE", false, null));
        assertThat(invoice.tax().treatment()).isEqualTo(TaxTreatment.DOMESTIC);
        assertThat(invoice.tax().net()).isEqualTo(Money.of("2.40", "EUR"));
        // 2.40 x 19 % = 0.456, rounded once to 0.46.
        assertThat(invoice.tax().tax()).isEqualTo(Money.of("0.46", "EUR"));
        assertThat(invoice.total()).isEqualTo(Money.of("2.86", "EUR"));
        assertThat(invoice.tax().label()).isEqualTo("VAT 19 %");
        // The ledger owes what the customer is asked to pay: the gross.
        assertThat(ledger.balance(invoice.tenantId())).isEqualTo(Money.of("2.86", "EUR"));
    }

    @Test
    void aGermanBusinessPaysNineteenPercentToo() {
        InvoiceView invoice = invoiceFor(tenant("DE", true, "DE136695976"));
        assertThat(invoice.tax().treatment()).isEqualTo(TaxTreatment.DOMESTIC);
        assertThat(invoice.total()).isEqualTo(Money.of("2.86", "EUR"));
        assertThat(invoice.customerVatId()).isEqualTo("DE136695976");
    }

    @Test
    void aFrenchBusinessWithAValidFrenchVatIdIsReverseCharged() throws IOException {
        InvoiceView invoice = invoiceFor(tenant("FR", true, "FR 40 303 265 045"));
        assertThat(invoice.tax().treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(invoice.tax().tax()).isEqualTo(Money.of("0.00", "EUR"));
        assertThat(invoice.total()).isEqualTo(Money.of("2.40", "EUR"));
        assertThat(invoice.customerVatId()).isEqualTo("FR40303265045");
        String pdf = text(InvoicePdf.render(invoice));
        assertThat(pdf).contains("VAT id FR40303265045").contains("Reverse charge").contains("Article 196");
    }

    @Test
    void aFrenchConsumerPaysTheFrenchRate() {
        InvoiceView invoice = invoiceFor(tenant("FR", false, null));
        assertThat(invoice.tax().treatment()).isEqualTo(TaxTreatment.EU_CONSUMER);
        assertThat(invoice.tax().country()).isEqualTo("FR");
        assertThat(invoice.tax().tax()).isEqualTo(Money.of("0.48", "EUR"));
        assertThat(invoice.total()).isEqualTo(Money.of("2.88", "EUR"));
    }

    @Test
    void aCustomerInTheUnitedStatesPaysNoEuVat() throws IOException {
        InvoiceView invoice = invoiceFor(tenant("US", true, null));
        assertThat(invoice.tax().treatment()).isEqualTo(TaxTreatment.OUTSIDE_EU);
        assertThat(invoice.total()).isEqualTo(Money.of("2.40", "EUR"));
        assertThat(text(InvoicePdf.render(invoice))).contains("Not subject to EU VAT");
    }

    @Test
    void anInvoiceKeepsTheTaxItWasIssuedWith() {
        UUID tenant = tenant("FR", true, "FR40303265045");
        InvoiceView issued = invoiceFor(tenant);
        taxDetails.set(Actor.SYSTEM, tenant, new TaxDetails.Form("DE", false, ""));
        InvoiceView later = queries.get(tenant, issued.id()).orElseThrow();
        assertThat(later.tax().treatment()).isEqualTo(TaxTreatment.REVERSE_CHARGE);
        assertThat(later.customerVatId()).isEqualTo("FR40303265045");
        assertThat(later.total()).isEqualTo(issued.total());
    }

    @Test
    @TestSecurity(user = "vera-tax", roles = "customer")
    void theInvoicePageShowsNetTaxAndTotal() {
        UUID tenant = fixtures.customer("vera-tax");
        taxDetails.set(Actor.SYSTEM, tenant, new TaxDetails.Form("DE", false, ""));
        InvoiceView invoice = invoiceFor(tenant);
        given().get("/invoices/" + invoice.id()).then().statusCode(200)
                .body(containsString("<td id=\"invoice-net\">EUR 2.40</td>"),
                        containsString("VAT 19 % (DE)"), containsString("<td id=\"invoice-tax\">EUR 0.46</td>"),
                        containsString("<strong>EUR 2.86</strong>"), not(containsString("invoice-tax-note")));
    }

    @Test
    @TestSecurity(user = "vico-tax", roles = "customer")
    void theProjectedBillShowsItsVatToo() {
        UUID tenant = fixtures.customer("vico-tax");
        taxDetails.set(Actor.SYSTEM, tenant, new TaxDetails.Form("DE", false, ""));
        data.server(tenant, data.plan("0.1000", "50.00", 1000), Instant.now().minusSeconds(10 * 3600), null);
        given().get("/invoices").then().statusCode(200).body(containsString("id=\"projected-tax\""),
                containsString("VAT 19 %"), containsString("id=\"projected-gross\""));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
