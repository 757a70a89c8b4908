package io.innkeeper.portal.admin.audit;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.SignIn;

/** The audit log in a real browser: a value of 60,000 characters without a space keeps the page its width. */
@QuarkusTest
class AdminAuditBrowserTest {

    @TestHTTPResource("/")
    URL base;

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
    void longValueWrapsInsideThePage() {
        String actor = "wide-" + UUID.randomUUID().toString().substring(0, 6);
        event(actor, "w".repeat(60_000));
        page.navigate(base + "admin/audit?actor=" + actor);
        assertThat(page.locator("[data-audit] .clipped").first()).containsText("60,000 characters in all");
        Object overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/admin-audit-long.png")));
    }

    @Transactional
    void event(String actor, String huge) {
        AuditEvent e = new AuditEvent();
        e.id = UUID.randomUUID();
        e.at = Instant.now();
        e.actor = actor;
        e.sourceIp = "0:0:0:0:0:0:0:1";
        e.action = "server.order";
        e.targetType = "server";
        e.outcome = "REFUSED";
        e.detail = huge;
        e.afterState = "{\"guestType\": \"" + huge + "\"}";
        e.persist();
    }
}
