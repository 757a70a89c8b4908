package io.innkeeper.portal.admin.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.bank.Camt053File;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.SignIn;

/** An admin imports a bank statement in a real browser, sees what matched, and assigns the rest by hand. */
@QuarkusTest
class BankTransfersBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, "admin");
        page.waitForURL(Pattern.compile(".*/admin$"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void uploadsAStatementAndAssignsTheUnmatchedCredit() throws Exception {
        UUID tenant = data.tenant("0-bankbrowser", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        InvoiceView other = queries.get(tenant, invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId())
                .orElseThrow();
        UUID payer = data.tenant("0-bankbrowser", "UTC", null);
        UUID payerServer = data.server(payer, data.plan("0.0100", "5.00", 1000),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
        data.update("update guest set status = 'DELETED' where id = ?1", payerServer);
        InvoiceView invoice = queries.get(payer, invoicer.invoice(payer, YearMonth.of(2026, 1)).invoiceId())
                .orElseThrow();
        String exact = "EX-" + UUID.randomUUID().toString().substring(0, 8);
        String loose = "LO-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createDirectories(Path.of("target/camt")).resolve(exact + ".xml");
        Files.write(file, new Camt053File("BROWSER-" + exact).credit(exact, "2.40", other.paymentReference())
                .creditWithText(loose, "2.40", "my hosting bill").bytes());

        page.navigate(base + "admin/billing");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Bank transfers")).click();
        page.setInputFiles("#file", file);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Import")).click();
        page.waitForURL(Pattern.compile(".*/admin/billing/bank/[0-9a-f-]{36}$"));
        assertThat(page.locator("tr[data-credit='" + exact + "']")).containsText("paid its invoice");
        assertThat(page.locator("tr[data-credit='" + exact + "']")).containsText(other.number());
        assertThat(page.locator("tr[data-credit='" + loose + "']")).containsText("unmatched");

        page.selectOption("#credit", loose);
        page.selectOption("#tenant", payer.toString());
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Assign")).click();
        assertThat(page.locator("tr[data-credit='" + loose + "']")).containsText("assigned by");
        assertThat(page.locator("tr[data-credit='" + loose + "']")).hasAttribute("data-outcome", "ASSIGNED");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/admin-bank-import.png"))
                .setFullPage(true));
        assertThat(queries.get(payer, invoice.id()).orElseThrow().isPaid()).isTrue();
        assertThat(queries.get(tenant, other.id()).orElseThrow().isPaid()).isTrue();
    }
}
