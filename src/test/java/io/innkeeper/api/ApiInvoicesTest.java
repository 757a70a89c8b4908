package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.TokenScope;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;

/** Invoices and the balance on the API: pages and filters, one invoice with its lines, its PDF, who sees what. */
@QuarkusTest
class ApiInvoicesTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);
    static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    @Inject
    ApiFixtures api;

    @Inject
    Ledger ledger;

    @Test
    void listsPagesAndFiltersTheCallersInvoicesAndShowsOneWithItsLinesAndPdf() throws Exception {
        // 2026-01-10  a server lives 24 h -> January's invoice, EUR 0.24, issued 2026-02-01, due 2026-02-15
        // 2026-02-10  a server lives 24 h -> February's invoice, EUR 0.24, issued 2026-03-01, due 2026-03-15
        // then        January is paid in full: PAID; February stays unpaid past its due date: OVERDUE
        ApiFixtures.Client client = api.customer("inv");
        UUID january = api.invoice(client.tenant(), JANUARY);
        UUID february = api.invoice(client.tenant(), FEBRUARY);
        api.sql("update invoice set issued_at = '2026-02-01T00:05:00Z', due_at = '2026-02-15T00:05:00Z' where id = ?1",
                january);
        api.sql("update invoice set issued_at = '2026-03-01T00:05:00Z', due_at = '2026-03-15T00:05:00Z' where id = ?1",
                february);
        assertThat(ledger.record(client.tenant(), EntryKind.PAYMENT, "0.24", "api-inv-1", null, "test")).isTrue();

        String cursor = client.api().queryParam("limit", 1).get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", contains(february.toString()))
                .body("items[0].status", equalTo("OVERDUE"))
                .body("items[0].lines", nullValue())
                .body("nextCursor", notNullValue()).extract().path("nextCursor");
        client.api().queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/invoices").then()
                .statusCode(200).body("items.id", contains(january.toString())).body("nextCursor", nullValue());
        client.api().queryParam("status", "paid").get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", contains(january.toString()));
        client.api().queryParam("status", "OVERDUE").get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", contains(february.toString()));
        client.api().queryParam("status", "OPEN").get("/api/v1/invoices").then().statusCode(200)
                .body("items", empty());
        client.api().queryParam("issuedFrom", "2026-02-15T00:00:00Z").get("/api/v1/invoices").then()
                .statusCode(200).body("items.id", contains(february.toString()));
        client.api().queryParam("issuedTo", "2026-02-15T00:00:00Z").get("/api/v1/invoices").then()
                .statusCode(200).body("items.id", contains(january.toString()));

        String number = client.api().get("/api/v1/invoices/" + january).then().statusCode(200)
                .body("status", equalTo("PAID"))
                .body("currency", equalTo("EUR"))
                .body("period", equalTo("2026-01"))
                .body("total.amount", equalTo("0.24"))
                .body("paid.amount", equalTo("0.24"))
                .body("outstanding.amount", equalTo("0.00"))
                .body("dueAt", equalTo("2026-02-15T00:05:00Z"))
                .body("paidAt", notNullValue())
                .body("lines[0].quantity", equalTo("24"))
                .body("lines[0].unitPrice.amount", equalTo("0.01"))
                .body("lines[0].amount.amount", equalTo("0.24"))
                .body("pdf", equalTo("/api/v1/invoices/" + january + "/pdf"))
                .extract().path("number");
        client.api().get("/api/v1/invoices/" + february).then().statusCode(200)
                .body("status", equalTo("OVERDUE")).body("outstanding.amount", equalTo("0.24"))
                .body("paidAt", nullValue());

        byte[] pdf = client.api().accept("application/pdf").get("/api/v1/invoices/" + january + "/pdf").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1)).contains(number).contains("EUR 0.24");

        client.api().get("/api/v1/account/balance").then().statusCode(200)
                .body("billedBy", equalTo("platform"))
                .body("balance.amount", equalTo("0.24"))
                .body("outstanding.amount", equalTo("0.24"))
                .body("credit.amount", equalTo("0.00"))
                .body("overdueInvoices", equalTo(1));
    }

    @Test
    void prepaidCreditShowsAsCredit() {
        ApiFixtures.Client client = api.customer("inv-credit");
        ledger.record(client.tenant(), EntryKind.CREDIT, "10.00", null, "goodwill", "test");
        client.api().get("/api/v1/account/balance").then().statusCode(200)
                .body("balance.amount", equalTo("-10.00"))
                .body("credit.amount", equalTo("10.00"))
                .body("outstanding.amount", equalTo("0.00"))
                .body("overdueInvoices", equalTo(0));
    }

    @Test
    void resellerIsInvoicedForItsCustomersWhoHaveNoInvoicesOfTheirOwn() {
        // Billing invoices the reseller, whose one invoice covers its customers' servers; the customers are billed
        // by the reseller, so the API finds no invoice for them, whichever token asks.
        ApiFixtures.Client rita = api.reseller("inv-rita");
        ApiFixtures.Client carol = api.customerOf(rita, "inv-carol");
        ApiFixtures.Client rex = api.reseller("inv-rex");
        ApiFixtures.Client zed = api.customerOf(rex, "inv-zed");
        UUID ritas = api.invoice(carol.tenant(), JANUARY);
        UUID rexs = api.invoice(zed.tenant(), JANUARY);

        rita.api().get("/api/v1/invoices").then().statusCode(200).body("items.id", contains(ritas.toString()))
                .body("items[0].account", equalTo(rita.tenant().toString()));
        rita.api().get("/api/v1/invoices/" + ritas).then().statusCode(200).body("total.amount", equalTo("0.24"))
                .body("lines.kind", hasItem("SERVER"));
        rita.api().queryParam("account", carol.tenant().toString()).get("/api/v1/invoices").then().statusCode(200)
                .body("items", empty());
        rita.api().queryParam("account", zed.tenant().toString()).get("/api/v1/invoices").then().statusCode(404)
                .contentType("application/problem+json");
        rita.api().get("/api/v1/invoices/" + rexs).then().statusCode(404).contentType("application/problem+json");

        carol.api().get("/api/v1/invoices").then().statusCode(200).body("items", empty());
        carol.api().get("/api/v1/invoices/" + ritas).then().statusCode(404);
        carol.api().get("/api/v1/invoices/" + ritas + "/pdf").then().statusCode(404);
        carol.api().get("/api/v1/account/balance").then().statusCode(200).body("billedBy", equalTo("reseller"))
                .body("balance.amount", equalTo("0.00"));

        String narrowed = api.token(rita.login(), rita.tenant(), TokenScope.READ, carol.tenant());
        io.restassured.RestAssured.given().auth().oauth2(narrowed).get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", not(hasItem(ritas.toString())));
        io.restassured.RestAssured.given().auth().oauth2(narrowed).get("/api/v1/invoices/" + ritas).then()
                .statusCode(404);
        rita.api().get("/api/v1/account/balance").then().statusCode(200).body("billedBy", equalTo("platform"))
                .body("balance.amount", equalTo("0.24")).body("overdueInvoices", equalTo(0));
    }
}
