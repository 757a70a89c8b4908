package io.innkeeper.portal.tenant.billing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.reseller.ResellerInvoicer;
import io.innkeeper.billing.reseller.ResellerInvoicing;
import io.innkeeper.billing.reseller.ResellerInvoicing.PriceForm;
import io.innkeeper.billing.reseller.ResellerInvoicing.SellerForm;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.Money;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * A reseller's invoicing pages: the price list with inline errors and nothing stored when one is bad, the seller
 * details, the logo (PNG or JPEG only), the margins; a customer has none of them (404). A reseller's customer sees
 * the reseller's invoice, page and PDF, and another customer's invoice answers 404.
 */
@QuarkusTest
class ResellerBillingPagesTest {

    /** A 1x1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final YearMonth JANUARY = YearMonth.of(2026, 1);

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    ResellerInvoicing invoicing;

    @Inject
    ResellerInvoicer resellerInvoicer;

    @Inject
    TenantInvoicer invoicer;

    UUID rhea;
    String code;

    @BeforeEach
    void setUp() {
        rhea = fixtures.tenantOf("rhea-rb", TenantKind.RESELLER, null);
        code = data.string("select code from plan where id = ?1", data.plan("0.1000", "50.00", 1000));
    }

    @Test
    @TestSecurity(user = "rhea-rb", roles = "reseller")
    void aResellerSetsItsPricesAndABadOneIsRefusedNextToItsField() {
        given().get("/customers/billing").then().statusCode(200)
                .body(containsString("data-plan=\"" + code + "\""), containsString("id=\"save-prices\""));
        Csrf.form().formParam("code", code).formParam("hourly", "abc").formParam("cap", "90.00")
                .post("/customers/billing/prices").then().statusCode(422)
                .body(containsString("id=\"hourly-" + code + "-error\""), containsString("Enter a price as a number"),
                        containsString("value=\"abc\""), not(containsString("id=\"cap-" + code + "-error\"")));
        assertThat(invoicing.priceList(rhea).rates()).doesNotContainKey(code);
        Csrf.form().formParam("code", code).formParam("hourly", "0.25").formParam("cap", "90.123")
                .post("/customers/billing/prices").then().statusCode(422)
                .body(containsString("id=\"cap-" + code + "-error\""), containsString("At most 2 decimals"));
        Csrf.form().formParam("code", code).formParam("hourly", "0.2500").formParam("cap", "90.00")
                .post("/customers/billing/prices").then().statusCode(303)
                .header("Location", containsString("/customers/billing?saved=prices"));
        assertThat(invoicing.priceList(rhea).rates().get(code).hourly()).isEqualTo(Money.of("0.2500", "EUR"));
        given().get("/customers/billing?saved=prices").then().statusCode(200).body(containsString("id=\"saved\""),
                containsString("value=\"0.2500\""));
    }

    @Test
    @TestSecurity(user = "rhea-rb", roles = "reseller")
    void sellerDetailsAndLogoAreCheckedInline() {
        Csrf.form().formParam("active", "true").formParam("sellerName", "").formParam("numberPrefix", "bad prefix")
                .formParam("trafficPerGb", "0.01").formParam("snapshotPerGbMonth", "0.05")
                .post("/customers/billing/seller").then().statusCode(422)
                .body(containsString("id=\"sellerName-error\""), containsString("id=\"numberPrefix-error\""),
                        containsString("value=\"bad prefix\""));
        Csrf.form().formParam("active", "true").formParam("sellerName", "Rhea Hosting").formParam("sellerAddress",
                "2 Side Street\n75001 Paris").formParam("numberPrefix", "RHEA-").formParam("trafficPerGb", "0.01")
                .formParam("snapshotPerGbMonth", "0.05").post("/customers/billing/seller").then().statusCode(303);
        assertThat(invoicing.settings(rhea).sellerName()).isEqualTo("Rhea Hosting");
        Csrf.form().multiPart("logo", "logo.png", "not an image".getBytes()).post("/customers/billing/logo").then()
                .statusCode(422).body(containsString("id=\"logo-error\""), containsString("PNG or JPEG"));
        Csrf.form().multiPart("logo", "logo.png", PNG).post("/customers/billing/logo").then().statusCode(303);
        given().get("/customers/billing").then().statusCode(200)
                .body(containsString("src=\"data:image/png;base64,"));
    }

    @Test
    @TestSecurity(user = "cleo-rb", roles = "customer")
    void aCustomerHasNoPriceListNorMargins() {
        fixtures.customer("cleo-rb");
        given().get("/customers/billing").then().statusCode(404);
        given().get("/customers/margins").then().statusCode(404);
        Csrf.form().formParam("code", code).formParam("hourly", "1").formParam("cap", "2")
                .post("/customers/billing/prices").then().statusCode(404);
    }

    /** rex-rb resells; cora-rb is its customer with a server of 10 hours in January; dora-rb another customer. */
    UUID coraInvoice() {
        UUID rex = fixtures.tenantOf("rex-rb", TenantKind.RESELLER, null);
        UUID cora = fixtures.tenantOf("cora-rb", TenantKind.CUSTOMER, rex);
        fixtures.tenantOf("dora-rb", TenantKind.CUSTOMER, rex);
        UUID plan = data.plan("0.1000", "50.00", 1000);
        String planCode = data.string("select code from plan where id = ?1", plan);
        invoicing.saveSeller(change -> {
        }, rex, new SellerForm(true, "Rex Resale GmbH", "Hauptstrasse 1\n10115 Berlin", "RX-", "0", "0"));
        invoicing.savePrices(change -> {
        }, rex, Map.of(planCode, new PriceForm("0.25", "90")));
        if (data.sum("select count(*) from reseller_invoice where customer_id = ?1", cora) == 0) {
            data.server(cora, plan, Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T10:00:00Z"));
        }
        UUID id = resellerInvoicer.invoice(cora, JANUARY).invoiceId();
        invoicer.invoice(rex, JANUARY);
        return id;
    }

    @Test
    @TestSecurity(user = "cora-rb", roles = "customer")
    void aResellersCustomerSeesItsInvoicesFromTheReseller() {
        UUID id = coraInvoice();
        given().get("/invoices").then().statusCode(200)
                .body(containsString("id=\"invoiced-by\""), containsString("Rex Resale GmbH"),
                        containsString("RX-000001"), not(containsString("bills you directly")));
        given().get("/invoices/" + id).then().statusCode(200)
                .body(containsString("<strong id=\"seller-name\">Rex Resale GmbH</strong>"),
                        containsString("10115 Berlin"), containsString("EUR 2.50"));
        given().get("/invoices/" + id + "/pdf").then().statusCode(200).contentType("application/pdf");
    }

    @Test
    @TestSecurity(user = "dora-rb", roles = "customer")
    void anotherCustomersInvoiceIsNotFound() {
        UUID id = coraInvoice();
        given().get("/invoices/" + id).then().statusCode(404);
        given().get("/invoices/" + id + "/pdf").then().statusCode(404);
        given().get("/invoices").then().statusCode(200).body(not(containsString("RX-000001")));
    }

    @Test
    @TestSecurity(user = "rex-rb", roles = "reseller")
    void theResellerSeesItsMarginPerCustomer() {
        coraInvoice();
        UUID cora = fixtures.tenantOf("cora-rb", TenantKind.CUSTOMER, null);
        // 10 h x 0.25 = 2.50 invoiced; 10 h x 0.10 = 1.00 on the platform's invoice; 1.50 margin.
        given().get("/customers/margins").then().statusCode(200)
                .body(containsString("data-customer=\"" + cora + "\""), containsString("EUR 2.50"),
                        containsString("EUR 1.00"), containsString("<td class=\"margin\">EUR 1.50</td>"));
        given().get("/customers").then().statusCode(200).body(containsString("/customers/billing"));
    }
}
