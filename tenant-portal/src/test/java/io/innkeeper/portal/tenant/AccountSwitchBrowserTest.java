package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Memberships;
import io.innkeeper.testing.Accessibility;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Servers;

/**
 * A person who works for two customers signs in through the real Keycloak, sees the first account's servers, picks
 * the other account in the header's switcher and lands on its dashboard, and from then on sees only its servers.
 */
@QuarkusTest
class AccountSwitchBrowserTest {

    /** A login of this run only; the realm's usernames are e-mails. */
    /** A password the realm's policy takes (not the login, at least 8 characters). */
    static final String PASSWORD = "Switch-Accounts-" + UUID.randomUUID().toString().substring(0, 8);
    static final String LOGIN = "h3-web-" + UUID.randomUUID().toString().substring(0, 8) + "@innkeeper.test";

    static boolean made;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    Memberships memberships;

    BrowserContext context;
    Page page;
    String ownHost;
    String otherHost;

    @BeforeEach
    void open() {
        if (!made) {
            KeycloakUsers.create(LOGIN, LOGIN, PASSWORD, "customer");
            made = true;
        }
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID own = fixtures.customer(LOGIN);
        UUID other = fixtures.customer(LOGIN + "-other");
        for (UUID t : new UUID[] { own, other }) {
            quotas.set(Actor.SYSTEM, t, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        }
        if (memberships.list(other).stream().noneMatch(m -> m.login().equals(LOGIN))) {
            memberships.add(Actor.SYSTEM, MemberRole.OWNER, other, LOGIN, "MEMBER");
        }
        ownHost = Fixtures.hostname("web-own");
        otherHost = Fixtures.hostname("web-other");
        servers.order(own, catalog, ownHost);
        servers.order(other, catalog, otherHost);

        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        page.locator("#username").fill(LOGIN);
        page.locator("#password").fill(PASSWORD);
        page.locator("#kc-login").click();
        page.waitForURL(Pattern.compile(".*/servers$"));
    }

    @AfterEach
    void close() {
        context.close();
    }

    @AfterAll
    static void removeLogin() {
        KeycloakUsers.delete(LOGIN);
    }

    @Test
    void switchingAccountsShowsOnlyTheChosenAccountsServers() {
        assertThat(page.locator("main")).containsText(ownHost);
        assertThat(page.locator("main")).not().containsText(otherHost);
        assertThat(page.locator(".who")).containsText("Tenant of " + LOGIN);
        assertThat(page.locator(".who")).not().containsText("-other");
        org.assertj.core.api.Assertions.assertThat(Accessibility.check(page).problems())
                .as("accessibility problems of a page with the switcher").isEmpty();

        page.getByLabel("Account").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Tenant of " + LOGIN + "-other"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch")).click();
        page.waitForURL(Pattern.compile(".*/dashboard$"));
        assertThat(page.locator(".who")).containsText("Tenant of " + LOGIN + "-other");
        assertThat(page.locator("#account-switch option[selected]")).hasText("Tenant of " + LOGIN + "-other");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Servers").setExact(true)).click();
        assertThat(page.locator("main")).containsText(otherHost);
        assertThat(page.locator("main")).not().containsText(ownHost);

        page.reload();
        assertThat(page.locator("main")).containsText(otherHost);
        assertThat(page.locator("main")).not().containsText(ownHost);
    }
}
