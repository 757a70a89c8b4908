package io.innkeeper.portal.tenant.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.testing.Fixtures;

@QuarkusTest
@TestSecurity(user = "invoice-owner", roles = "customer")
class InvoicePagesTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    UsageRollups rollups;

    static UUID mine;
    static UUID server;
    static UUID theirs;

    @BeforeEach
    void setUp() {
        if (mine != null) {
            return;
        }
        UUID plan = data.plan("0.0100", "5.00", 1000);
        UUID tenant = fixtures.customer("invoice-owner");
        server = data.server(tenant, plan, Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
        data.sample(server, Instant.parse("2026-01-10T05:00:00Z"), 123_456_789L);
        rollups.rollup(Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
        mine = invoicer.invoice(tenant, JANUARY).invoiceId();
        UUID other = fixtures.customer("invoice-stranger");
        data.server(other, plan, Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-12T00:00:00Z"));
        theirs = invoicer.invoice(other, JANUARY).invoiceId();
    }

    @Test
    void listsInvoicesWithTheProjectedBill() {
        String number = data.string("select number_text from invoice where id = ?1", mine);
        given().get("/invoices").then().statusCode(200)
                .body(containsString(number), containsString("EUR 0.24"), containsString("This month so far"),
                        containsString("/invoices/" + mine + "/pdf"));
    }

    @Test
    void showsLinesLinkedToTheirHourlyUsage() {
        given().get("/invoices/" + mine).then().statusCode(200)
                .body(containsString("24 h"), containsString("EUR 0.0100"), containsString("EUR 0.24"),
                        containsString("123,456,789 bytes sent"),
                        containsString("/invoices/" + mine + "/usage?server=" + server),
                        containsString(io.innkeeper.billing.invoice.PaymentReference.printed(
                                io.innkeeper.billing.invoice.PaymentReference.forInvoice(
                                        data.string("select number_text from invoice where id = ?1", mine)))));
        given().get("/invoices/" + mine + "/usage?server=" + server).then().statusCode(200)
                .body(containsString("123,456,789"), containsString("2026-01-10 05:00 UTC"));
    }

    @Test
    void downloadsThePdf() throws Exception {
        byte[] pdf = given().get("/invoices/" + mine + "/pdf").then().statusCode(200)
                .contentType("application/pdf").header("Content-Disposition", containsString(".pdf"))
                .extract().asByteArray();
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(text).contains(data.string("select number_text from invoice where id = ?1", mine))
                .contains("EUR 0.24").contains("2026-01");
    }

    @Test
    void anotherTenantsInvoiceIsNotFound() {
        given().get("/invoices/" + theirs).then().statusCode(404);
        given().get("/invoices/" + theirs + "/pdf").then().statusCode(404);
        given().get("/invoices/" + theirs + "/usage").then().statusCode(404);
        given().get("/invoices/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/invoices").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(theirs.toString())));
    }

    @Test
    void withoutACardGatewayOnlyBankTransferIsOffered() {
        // this profile configures no Stripe key: no Pay button, no top-up, and a forged pay request changes nothing
        given().get("/invoices/" + mine).then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("id=\"pay\"")), containsString("payment-reference"));
        given().get("/payments").then().statusCode(200)
                .body(containsString("id=\"bank-only\""), org.hamcrest.Matchers.not(containsString("id=\"top-up\"")));
        io.innkeeper.testing.Csrf.form().post("/invoices/" + mine + "/pay").then().statusCode(422)
                .body(containsString("bank transfers only"));
        io.innkeeper.testing.Csrf.form().post("/invoices/" + theirs + "/pay").then().statusCode(404);
        io.innkeeper.testing.Csrf.form().formParam("amount", "25").post("/payments/top-up").then().statusCode(422)
                .body(containsString("bank transfers only"));
    }
}
