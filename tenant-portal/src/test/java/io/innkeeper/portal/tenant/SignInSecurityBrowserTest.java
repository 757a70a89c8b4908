package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.SignIn;
import io.innkeeper.testing.Totp;

/**
 * Sign-in security through the real Keycloak in a real browser: the realm asks every admin for a TOTP code, five
 * wrong passwords lock a login, the Security page lists the person's sign-ins, and an owner's two-factor rule keeps
 * a member who signed in with a password alone out of the account's pages while one with a code gets in.
 */
@QuarkusTest
class SignInSecurityBrowserTest {

    private static final String PASSWORD = "a long enough passphrase";

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
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void anAdminMustEnterATotpCode() {
        page.navigate(base.toString());
        page.locator("#username").fill("admin");
        page.locator("#password").fill("admin");
        page.locator("#kc-login").click();
        assertThat(page.locator("#otp")).isVisible();
        assertThat(page.url()).contains("/realms/innkeeper/");

        // A wrong code keeps the admin on Keycloak's code page.
        String wrong = Totp.code(Totp.DEMO_ADMIN_SECRET, Totp.step(System.currentTimeMillis() / 1000) + 7);
        page.locator("#otp").fill(wrong);
        page.locator("#kc-login").click();
        assertThat(page.locator("#otp")).isVisible();
        assertThat(page.url()).contains("/realms/innkeeper/");

        SignIn.code(page, "admin");
        page.waitForURL(Pattern.compile(".*/admin$"));
    }

    @Test
    void fiveWrongPasswordsLockTheLogin() {
        String login = fresh("locked");
        KeycloakUsers.create(login, login, PASSWORD, "customer");
        fixtures.customer(login);
        for (int attempt = 1; attempt <= 5; attempt++) {
            page.navigate(base.toString());
            SignIn.as(page, login, "wrong password " + attempt);
            assertThat(page.locator("#input-error, .kc-feedback-text, [id*=error]").first()).isVisible();
        }
        assertThat(KeycloakUsers.lockedOut(login)).as("locked after five wrong passwords").isTrue();

        page.navigate(base.toString());
        SignIn.as(page, login, PASSWORD);
        assertThat(page.locator("#input-error, .kc-feedback-text, [id*=error]").first()).isVisible();
        assertThat(page.url()).as("the right password no longer lets the locked login in").contains(
                "/realms/innkeeper/");
    }

    @Test
    void theSecurityPageListsASignIn() {
        String login = fresh("signs-in");
        KeycloakUsers.create(login, login, PASSWORD, "customer");
        fixtures.customer(login);
        page.navigate(base.toString());
        SignIn.as(page, login, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Security")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Security"))).isVisible();
        assertThat(page.locator("#two-factor-status")).containsText("password only");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(
                "Two-factor sign-in and password"))).hasAttribute("href",
                        Pattern.compile(".*/realms/innkeeper/account/account-security/signing-in$"));
        // The sign-in is recorded as the code flow completes, off the I/O thread: read the page again until it shows.
        for (int i = 0; i < 20 && !page.locator("table[aria-label='Recent sign-ins']").innerText()
                .contains("signed in with password"); i++) {
            page.reload();
        }
        assertThat(page.locator("table[aria-label='Recent sign-ins'] tbody tr").first())
                .containsText("signed in with password");
        assertThat(page.locator("table[aria-label='Recent sign-ins'] tbody tr").first()).containsText("127.0.0.1");
        assertThat(AuditEvent.count("action = ?1 and actor = ?2", "signin", login)).isEqualTo(1);
    }

    @Test
    void requiringTwoFactorKeepsOutAMemberWithoutItAndLetsOneWithItIn() {
        String owner = fresh("owner-2fa");
        String withCode = fresh("member-otp");
        String withoutCode = fresh("member-pwd");
        KeycloakUsers.createWithAuthenticator(owner, owner, PASSWORD, secret(), "customer");
        KeycloakUsers.createWithAuthenticator(withCode, withCode, PASSWORD, secret(),
                "customer");
        KeycloakUsers.create(withoutCode, withoutCode, PASSWORD, "customer");
        UUID tenant = fixtures.customer(owner);
        fixtures.member(withCode, tenant, MemberRole.MEMBER);
        fixtures.member(withoutCode, tenant, MemberRole.MEMBER);

        page.navigate(base.toString());
        SignIn.as(page, owner, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "security");
        assertThat(page.locator("#two-factor-status")).containsText("one-time code");
        page.locator("#require-2fa").click();
        assertThat(page.locator("#team-requirement")).containsText("must sign in with a one-time code");
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "tenant.require-2fa", tenant.toString()))
                .isEqualTo(1);
        context.close();

        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, withoutCode, PASSWORD);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(
                "This account requires two-factor sign-in"))).isVisible();
        assertThat(page.locator("#set-up-authenticator")).hasAttribute("href",
                Pattern.compile(".*/realms/innkeeper/account/account-security/signing-in$"));
        page.navigate(base + "servers");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(
                "This account requires two-factor sign-in"))).isVisible();
        context.close();

        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, withCode, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Servers"))).isVisible();
    }

    @Test
    void anOwnerWhoSignedInWithoutACodeCannotRequireOne() {
        String owner = fresh("owner-pwd");
        KeycloakUsers.create(owner, owner, PASSWORD, "customer");
        UUID tenant = fixtures.customer(owner);
        page.navigate(base.toString());
        SignIn.as(page, owner, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "security");
        page.locator("#require-2fa").click();
        assertThat(page.locator("#required-error")).containsText("Sign in with a one-time code yourself first");
        assertThat(page.locator("#team-requirement")).containsText("Each person");
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "tenant.require-2fa", tenant.toString()))
                .isZero();
    }

    /** A new login: the realm makes the e-mail address the username. */
    private static String fresh(String prefix) {
        return Mailbox.freshAddress(prefix);
    }

    /** A random authenticator key of 20 letters and digits, as Keycloak makes them. */
    private static String secret() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
