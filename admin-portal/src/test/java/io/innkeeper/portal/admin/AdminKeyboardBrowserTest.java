package io.innkeeper.portal.admin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantStatus;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Totp;

/**
 * The admin's tenant flow with the keyboard alone in a real browser, from the sign-in form on: find a tenant by
 * typing in the search box and pressing Enter, open it with Enter, and suspend it with a reason. The tenant is a
 * fixture of its own, so no other test sees it suspended.
 */
@QuarkusTest
class AdminKeyboardBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
        // Suspending asks no confirmation today; should one come, it is answered as Enter on its OK button would.
        page.onDialog(Dialog::accept);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void adminFindsOpensAndSuspendsATenantWithTheKeyboard() {
        String login = "kbd-owner-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.customer(login);
        String name = "Tenant of " + login;

        page.navigate(base.toString());
        tabTo("#username");
        page.keyboard().type("admin");
        tabTo("#password");
        page.keyboard().type("admin");
        submit();
        // The realm asks every admin for a code from their authenticator.
        tabTo("#otp");
        page.keyboard().type(Totp.next("admin"));
        submit();
        page.waitForURL(Pattern.compile(".*/admin$"));

        tabTo("a[href='/admin/tenants']");
        submit();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants"))).isVisible();
        tabTo("#q");
        page.keyboard().type(login);
        submit();
        assertThat(page.url()).contains("q=" + login);
        assertThat(page.locator("#tenant-rows tr")).hasCount(1);
        assertThat(page.locator("#tenant-rows")).containsText(name);

        tabTo("a[href='/admin/tenants/" + tenant + "']");
        submit();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name))).isVisible();
        assertThat(page.locator("#tenant-status")).hasText("active");

        tabTo("#reason");
        page.keyboard().type("Abuse report 4712 is open");
        tabTo("form[action$='/suspend'] button");
        submit();
        assertThat(page.locator("#tenant-status")).containsText("suspended");
        assertThat(page.locator("#tenant-status")).containsText("Abuse report 4712 is open");
        assertThat(status(tenant)).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(suspendAudits(tenant)).isEqualTo(1);
    }

    @Transactional
    TenantStatus status(UUID tenant) {
        return Tenant.<Tenant>findById(tenant).status;
    }

    @Transactional
    long suspendAudits(UUID tenant) {
        return AuditEvent.count("action = ?1 and targetId = ?2", "tenant.suspend", tenant.toString());
    }

    /** Enter on a focused link, field or button, waiting for the page it leads to. */
    @SuppressWarnings("deprecation")
    private void submit() {
        page.waitForNavigation(() -> page.keyboard().press("Enter"));
    }

    /** Presses Tab until the element matching {@code selector} has the focus, as a keyboard user would. */
    private void tabTo(String selector) {
        for (int i = 0; i < 200; i++) {
            if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement === document.querySelector(s)",
                    selector))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector + " on " + page.url());
    }
}
