package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.LiveConsoleGuest;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The graphical console against a real QEMU guest on the local libvirtd, in headless Chromium signed in through
 * the real Keycloak: noVNC, joined through the panel to the guest's VNC display, draws the guest's text screen
 * (its kernel writes to tty0), and it is the screen libvirt's screenshot shows: the same size, both with more than
 * one colour, and the same coarse picture (how much text each cell of a grid holds, a cell being four characters
 * of a line). Send Ctrl-Alt-Del goes through noVNC,
 * and the session is audited like the serial console's. Skipped where bin/test has not started libvirtd or built
 * the guest image.
 */
@QuarkusTest
class ServerScreenBrowserTest {

    /** Under TCG the kernel has written its screen in 5-30 s; a loaded machine gets plenty of slack. */
    private static final Duration SCREEN_LIMIT = Duration.ofSeconds(120);
    /** A text screen is 80x25 characters: a cell is four characters of one line. */
    private static final int GRID_COLUMNS = 20;
    private static final int GRID_ROWS = 25;
    /** Two cells agree when their share of text pixels differs by less than this. */
    private static final double SAME_INK = 0.05;

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
        UUID erin = fixtures.customer("erin");
        server = servers.order(erin, fixtures.catalog(), Fixtures.hostname("screen"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        guest.bootWithScreen(server);
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
    void noVncShowsTheScreenLibvirtsScreenshotShows() {
        page.navigate(base.toString());
        SignIn.as(page, "erin");
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "servers/" + server);
        page.locator("#screen-link a").click();
        page.waitForURL(Pattern.compile(".*/servers/" + server + "/screen$"));
        page.locator("#screen-open").click();
        assertThat(page.locator("#screen-status")).hasText("Connected.",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#screen-cad")).isVisible();

        // The screen settles once the kernel has handed over to the shell on the serial line: wait until the
        // canvas and the screenshot agree, cell by cell, on where text is.
        AtomicReference<String> last = new AtomicReference<>("nothing compared yet");
        await().atMost(SCREEN_LIMIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Screen canvas = Screen.of(canvasPng(page));
            Screen shot = Screen.of(screenshotPng());
            last.set("canvas " + canvas + ", screenshot " + shot + ", " + Math.round(canvas.agreement(shot) * 100)
                    + "% of cells agreeing");
            assertThat(canvas.width).as(last.get()).isEqualTo(shot.width);
            assertThat(canvas.height).as(last.get()).isEqualTo(shot.height);
            assertThat(canvas.colours).as("the canvas is not blank: " + last.get()).isGreaterThan(1);
            assertThat(shot.colours).as("the screenshot is not blank: " + last.get()).isGreaterThan(1);
            assertThat(canvas.inkCells()).as(last.get()).isGreaterThan(3);
            assertThat(canvas.agreement(shot)).as("cells agreeing on text: " + last.get()).isGreaterThanOrEqualTo(0.9);
        });
        System.out.println("graphical console matched libvirt's screenshot: " + last.get());
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/server-screen.png"))
                .setFullPage(true));

        page.locator("#screen-cad").click();
        assertThat(page.locator("#screen-status")).hasText("Sent Ctrl-Alt-Del.");
        assertThat(sessions.openOn(server)).hasSize(1);
        assertThat(audited("console.open")).isEqualTo(1);
        assertThat(audited("console.screenshot")).isPositive();

        page.locator("#screen-close").click();
        assertThat(page.locator("#screen-open")).isEnabled();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.openOn(server).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("console.close") == 1);
    }

    private static byte[] canvasPng(Page page) {
        String url = (String) page.evaluate("() => document.querySelector('#screen canvas').toDataURL('image/png')");
        return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    }

    /** The screenshot link as the page's browser follows it: the same session, through the panel. */
    private byte[] screenshotPng() {
        APIResponse response = page.request().get(base + "api/v1/servers/" + server + "/console/screenshot");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).startsWith("image/png");
        return response.body();
    }

    private long audited(String action) {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("action = ?1 and targetId = ?2", action,
                server.toString()));
    }

    /** A picture reduced to what can be compared robustly: its size, how many colours, and a grid of ink. */
    private record Screen(int width, int height, int colours, double[] ink) {

        static Screen of(byte[] png) throws java.io.IOException {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int background = image.getRGB(0, 0) & 0xffffff;
            java.util.Set<Integer> colours = new java.util.HashSet<>();
            int[] inked = new int[GRID_COLUMNS * GRID_ROWS];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (rgb != background) {
                        int row = y * GRID_ROWS / image.getHeight();
                        inked[row * GRID_COLUMNS + x * GRID_COLUMNS / image.getWidth()]++;
                    }
                }
            }
            double cell = Math.max(1, image.getWidth() * image.getHeight() / inked.length);
            double[] ink = new double[inked.length];
            for (int i = 0; i < inked.length; i++) {
                ink[i] = inked[i] / cell;
            }
            return new Screen(image.getWidth(), image.getHeight(), colours.size(), ink);
        }

        long inkCells() {
            long n = 0;
            for (double share : ink) {
                n += share > 0.005 ? 1 : 0;
            }
            return n;
        }

        double agreement(Screen other) {
            int same = 0;
            for (int i = 0; i < ink.length; i++) {
                same += Math.abs(ink[i] - other.ink[i]) < SAME_INK ? 1 : 0;
            }
            return (double) same / ink.length;
        }

        @Override
        public String toString() {
            return width + "x" + height + ", " + colours + " colours, " + inkCells() + " of " + ink.length
                    + " cells with text";
        }
    }
}
