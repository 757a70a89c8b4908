package io.innkeeper.testing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;

/**
 * Signs a person in through Keycloak's own pages, as a browser does: username, password and, for a login with an
 * authenticator the tests know ({@link Totp}), the TOTP code Keycloak asks for next. Every browser test signs in
 * through here, so a change to the realm's sign-in flow is made in one place.
 */
public final class SignIn {

    private SignIn() {
    }

    /** Fills Keycloak's sign-in form the page shows now; the demo logins' password is their name. */
    public static void as(Page page, String login) {
        as(page, login, login);
    }

    public static void as(Page page, String login, String password) {
        page.locator("#username").fill(login);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
        if (Totp.knows(login)) {
            code(page, login);
        }
    }

    /**
     * Answers Keycloak's one-time code page for a login with a known authenticator. A code another process used
     * already (Keycloak takes each once) is refused; the next step's code is tried then, once.
     */
    @SuppressWarnings("deprecation")
    public static void code(Page page, String login) {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(page.locator("#otp")).isVisible();
            page.locator("#otp").fill(Totp.next(login));
            page.waitForNavigation(() -> page.locator("#kc-login").click());
            if (!page.url().contains("/realms/innkeeper/") || page.locator("#otp").count() == 0) {
                return;
            }
        }
    }
}
