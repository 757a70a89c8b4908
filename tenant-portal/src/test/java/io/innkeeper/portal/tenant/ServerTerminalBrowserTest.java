package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.LiveConsoleGuest;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The server page's interactive console against a real QEMU guest on the local libvirtd, in headless Chromium
 * signed in through the real Keycloak: dave types a command into the guest's serial console and reads its answer
 * from the terminal; a second tab takes the console over and the first says so; an admin ends the session and the
 * page says that; every session is audited with how long it lasted. Skipped where bin/test has not started
 * libvirtd or built the guest image.
 */
@QuarkusTest
class ServerTerminalBrowserTest {

    /** Under TCG the guest's shell is up 5-15 s after boot; a loaded machine gets plenty of slack. */
    private static final Duration SHELL_LIMIT = Duration.ofSeconds(120);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    LiveConsoleGuest guest;

    @Inject
    ConsoleSessions sessions;

    BrowserContext context;
    Page page;
    UUID server;

    @BeforeEach
    void boot() {
        assumeTrue(LiveConsoleGuest.available(), "needs bin/test's libvirtd and guest image (INNKEEPER_REAL_GUESTS=1)");
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID dave = fixtures.customer("dave");
        server = servers.order(dave, catalog, Fixtures.hostname("terminal"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        guest.boot(server);
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (server != null && LiveConsoleGuest.available()) {
            guest.stop(server);
        }
    }

    @Test
    void typesIntoARealGuestsConsoleAndReadsTheAnswer() {
        page.navigate(base.toString());
        SignIn.as(page, "dave");
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "servers/" + server);
        open(page);

        // The shell may not be up yet: type until the guest has worked the sum out (the echo of the typed line
        // shows the expression, only the shell's answer shows 42).
        typeUntilAnswered(page, "echo INNK$((40+2))", "INNK42");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/server-terminal.png"))
                .setFullPage(true));
        assertThat(audited("console.open")).isEqualTo(1);

        // A second tab opens the console: the first is told, and the second works.
        Page second = context.newPage();
        second.navigate(base + "servers/" + server);
        open(second);
        assertThat(page.locator("#terminal-status")).containsText("taken over by dave");
        assertThat(page.locator("#terminal-open")).isEnabled();
        typeUntilAnswered(second, "echo SECOND$((1+1))", "SECOND2");

        // An admin ends it, whichever replica holds it.
        List<ConsoleSessions.OpenSession> open = sessions.openOn(server);
        assertThat(open).hasSize(1).first().extracting(ConsoleSessions.OpenSession::login).isEqualTo("dave");
        sessions.end(new Actor("console-test-admin", null, "127.0.0.1", null), open.get(0).id());
        assertThat(second.locator("#terminal-status")).containsText("An administrator ended this console session");
        assertThat(sessions.openOn(server)).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("console.close") == 2);
        assertThat(audited("console.end")).isEqualTo(1);
    }

    /** The same for a real LXC container: its init keeps a shell on the container's console. */
    @Test
    void typesIntoARealContainersConsoleAndReadsTheAnswer() {
        assumeTrue(LiveConsoleGuest.containersAvailable(), "needs bin/test's libvirtd answering lxc:///system");
        guest.stop(server);
        guest.bootContainer(server);
        page.navigate(base.toString());
        SignIn.as(page, "dave");
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "servers/" + server);
        open(page);
        typeUntilAnswered(page, "echo LXC$((6*7))", "LXC42");
        page.locator("#terminal-close").click();
        assertThat(page.locator("#terminal-status")).containsText("The console is closed.");
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.openOn(server).isEmpty());
    }

    private static void open(Page page) {
        page.locator("#terminal-open").click();
        assertThat(page.locator("#terminal-status")).containsText("Connected");
        assertThat(page.locator("#terminal .xterm-rows")).isVisible();
    }

    private static void typeUntilAnswered(Page page, String command, String answer) {
        long deadline = System.nanoTime() + SHELL_LIMIT.toNanos();
        while (!screen(page).contains(answer)) {
            assertThat(System.nanoTime()).as("the guest answered " + answer + " within " + SHELL_LIMIT.toSeconds()
                    + " s; the terminal shows:\n" + screen(page)).isLessThan(deadline);
            page.locator("#terminal .xterm-helper-textarea").focus();
            page.keyboard().type(command);
            page.keyboard().press("Enter");
            try {
                page.waitForCondition(() -> screen(page).contains(answer),
                        new Page.WaitForConditionOptions().setTimeout(3_000));
            } catch (com.microsoft.playwright.TimeoutError e) {
                // not yet: the shell may still be starting
            }
        }
    }

    private static String screen(Page page) {
        return page.locator("#terminal .xterm-rows").innerText();
    }

    private long audited(String action) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and targetId = ?2", action,
                server.toString()));
    }
}
