package io.innkeeper.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * One headless Chromium for the whole test run, started on first use and closed when the JVM ends. It is the
 * machine's Chromium ({@code INNKEEPER_CHROMIUM}, default {@code /usr/bin/chromium}); Playwright downloads nothing.
 */
public final class Browser {

    private static com.microsoft.playwright.Browser browser;

    private Browser() {
    }

    public static synchronized com.microsoft.playwright.Browser get() {
        if (browser == null) {
            Path chromium = Path.of(System.getenv().getOrDefault("INNKEEPER_CHROMIUM", "/usr/bin/chromium"));
            if (!Files.isExecutable(chromium)) {
                throw new IllegalStateException("no Chromium at " + chromium + "; bin/test installs it");
            }
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }
}
