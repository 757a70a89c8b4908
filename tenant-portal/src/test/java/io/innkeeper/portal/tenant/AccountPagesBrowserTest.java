package io.innkeeper.portal.tenant;

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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.ApiToken;
import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SshKey;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.SignIn;

/**
 * The account pages in a real browser with htmx, signed in through the real Keycloak as dave: a bad SSH key is
 * refused next to its field without leaving the page, a good one joins the list, a new API token's secret is shown
 * once and the token is revoked after the confirmation dialog.
 */
@QuarkusTest
class AccountPagesBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    ApiTokens tokens;

    BrowserContext context;
    Page page;
    UUID dave;

    @BeforeEach
    void open() {
        dave = fixtures.customer("dave");
        clear();
        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, "dave");
        page.waitForURL(Pattern.compile(".*/servers$"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void badKeyIsRefusedInPlaceAndAGoodOneIsAdded() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("SSH keys")).click();
        page.getByLabel("Name").fill("laptop");
        page.getByLabel("Public key").fill("ssh-ed25519 AAAA");
        page.evaluate("window.__noReload = true");
        page.getByLabel("Public key").press("Tab");
        page.keyboard().press("Enter");
        assertThat(page.locator("#publicKey-error")).containsText("cut short");
        assertThat(page.getByLabel("Name")).hasValue("laptop");
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
        assertThat(keys()).isZero();

        page.getByLabel("Public key").fill(SshKeyPagesTest.KEY);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add key")).click();
        assertThat(page.locator("#ssh-keys tbody")).containsText(SshKeyPagesTest.KEY_FINGERPRINT);
        assertThat(page.locator("#publicKey-error")).hasCount(0);
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
        assertThat(keys()).isEqualTo(1);
    }

    @Test
    void tokenSecretIsShownOnceAndTheTokenIsRevokedAfterConfirming() {
        page.navigate(base + "api-tokens");
        page.getByLabel("Name").fill("deploy");
        page.getByLabel("Expires after (days, 1 to 366)").fill("7");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
        assertThat(page.locator("#new-token")).containsText("it will not be shown again");
        String secret = page.locator("#secret").inputValue();
        assertThat(tokens.authenticate(secret, "127.0.0.1")).isPresent();

        page.reload();
        assertThat(page.locator("#new-token")).hasCount(0);
        assertThat(page.content()).doesNotContain(secret);

        page.onceDialog(dialog -> dialog.accept());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Revoke")).click();
        assertThat(page.locator("#api-tokens tbody")).containsText("revoked");
        assertThat(tokens.authenticate(secret, "127.0.0.1")).isEmpty();
    }

    @Transactional
    long keys() {
        return SshKey.count("tenantId", dave);
    }

    @Transactional
    void clear() {
        SshKey.delete("tenantId", dave);
        ApiToken.delete("ownerTenant", dave);
    }
}
