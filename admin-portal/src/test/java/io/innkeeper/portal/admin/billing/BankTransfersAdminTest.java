package io.innkeeper.portal.admin.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.restassured.specification.RequestSpecification;

import io.innkeeper.billing.bank.Camt053File;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;

@QuarkusTest
class BankTransfersAdminTest {

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    static String token() {
        return given().get("/admin/billing/bank").then().statusCode(200).extract().cookie("csrf-token");
    }

    static RequestSpecification upload(byte[] file) {
        String token = token();
        return given().cookie("csrf-token", token).multiPart("csrf-token", token)
                .multiPart("file", "statement.xml", file, "application/xml").redirects().follow(false);
    }

    InvoiceView invoice() {
        UUID tenant = data.tenant("0-bankadmin", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        return queries.get(tenant, invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId()).orElseThrow();
    }

    @Test
    @TestSecurity(user = "bank-admin", roles = "admin")
    void uploadShowsMatchedAndUnmatchedAndAssignsByHand() {
        InvoiceView invoice = invoice();
        String paid = "PAID-" + UUID.randomUUID().toString().substring(0, 8);
        String loose = "LOOSE-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] file = new Camt053File("ADMIN-" + paid).credit(paid, "1.40", invoice.paymentReference())
                .creditWithText(loose, "1.00", "hosting").bytes();
        String location = upload(file).post("/admin/billing/bank").then().statusCode(303).extract()
                .header("Location");
        assertThat(location).matches(".*/admin/billing/bank/[0-9a-f-]{36}");
        given().get(location).then().statusCode(200).body(containsString("partial payment"),
                containsString(invoice.number()), containsString("no payment reference found"),
                containsString("Assign an unmatched credit"));

        String token = given().get(location).then().extract().cookie("csrf-token");
        given().cookie("csrf-token", token).formParam("csrf-token", token).formParam("credit", loose)
                .formParam("tenant", "").redirects().follow(false).post(location + "/assign").then().statusCode(422)
                .body(containsString("Choose an account."));
        given().cookie("csrf-token", token).formParam("csrf-token", token).formParam("credit", loose)
                .formParam("tenant", invoice.tenantId().toString()).redirects().follow(false)
                .post(location + "/assign").then().statusCode(303);
        assertThat(queries.get(invoice.tenantId(), invoice.id()).orElseThrow().isPaid()).isTrue();
        given().get(location).then().statusCode(200).body(containsString("assigned by bank-admin"));
        given().get("/admin/billing/bank").then().statusCode(200).body(containsString("ADMIN-" + paid));
    }

    @Test
    @TestSecurity(user = "bank-admin", roles = "admin")
    void refusesAFileThatIsNoStatementInline() {
        upload("<html/>".getBytes()).post("/admin/billing/bank").then().statusCode(422)
                .body(containsString("This is not an ISO 20022 camt.053 bank statement."));
        String token = token();
        given().cookie("csrf-token", token).multiPart("csrf-token", token).redirects().follow(false)
                .post("/admin/billing/bank").then().statusCode(422)
                .body(containsString("Choose a camt.053 statement file."));
    }

    @Test
    @TestSecurity(user = "bank-admin", roles = "admin")
    void unknownImportIsNotFound() {
        given().get("/admin/billing/bank/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "customer", roles = "user")
    void customersCannotSeeImports() {
        given().redirects().follow(false).get("/admin/billing/bank").then().statusCode(403);
    }
}
