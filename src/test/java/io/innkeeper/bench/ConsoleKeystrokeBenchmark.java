package io.innkeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.LiveConsoleGuest;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * Keystroke round trip on a real QEMU guest's serial console (TCG), two ways to the same guest:
 * <ul>
 * <li><b>browser</b>: headless Chromium signed in on the server page gets a ticket as the page does and runs a small
 * loop over the console WebSocket: {@code performance.now()}, one key sent, until the first output comes back (the
 * guest's shell echoing it), through the panel, libvirt's console stream and the guest;</li>
 * <li><b>virsh</b>: {@code virsh console} on the same guest, driven through a pty by a small Python script, timed
 * the same way with {@code time.perf_counter()}.</li>
 * </ul>
 * Keys alternate between {@code a} and DEL, so the shell's line stays short; after each echo the loop waits for the
 * line to go quiet (30 ms) before the next key, so every sample starts from rest. N keys each (default 200,
 * {@code -Dinnkeeper.bench.keys}). A benchmark: it prints p50/p95/p99 and asserts nothing about speed. Run with
 * {@code bin/bench console}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "console")
class ConsoleKeystrokeBenchmark {

    private static final int KEYS = Integer.getInteger("innkeeper.bench.keys", 200);

    /** Same loop as the virsh one below: ticket, socket, shell ready, then timed keys. */
    private static final String BROWSER_LOOP = """
            async ([keys]) => {
              const button = document.getElementById('terminal-open');
              const headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
              headers.Accept = 'application/json';
              const answer = await (await fetch(button.getAttribute('data-ticket-url'),
                  { method: 'POST', headers, credentials: 'same-origin' })).json();
              const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host
                  + answer.path);
              ws.binaryType = 'arraybuffer';
              const decoder = new TextDecoder();
              let screen = '';
              let waiter = null;
              ws.onmessage = (m) => {
                if (typeof m.data === 'string') { return; }
                const at = performance.now();
                screen += decoder.decode(new Uint8Array(m.data));
                if (waiter) { const w = waiter; waiter = null; w(at); }
              };
              const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
              const next = (limit) => new Promise((resolve) => {
                waiter = resolve;
                setTimeout(() => { if (waiter === resolve) { waiter = null; resolve(null); } }, limit);
              });
              await new Promise((resolve, reject) => {
                ws.onopen = () => ws.send(JSON.stringify({ ticket: answer.ticket }));
                ws.onclose = () => reject(new Error('console closed: ' + screen.slice(-200)));
                const opened = ws.onmessage;
                ws.onmessage = (m) => {
                  if (typeof m.data === 'string' && JSON.parse(m.data).state === 'open') { ws.onmessage = opened;
                    resolve(); }
                };
              });
              const enc = new TextEncoder();
              const deadline = performance.now() + 120000;
              while (!/READY42/.test(screen)) {
                if (performance.now() > deadline) { throw new Error('no shell: ' + screen.slice(-300)); }
                ws.send(enc.encode('echo READY$((40+2))\\r'));
                await sleep(2000);
              }
              await sleep(300);
              const samples = [];
              for (let i = 0; i < keys; i++) {
                const key = enc.encode(i % 2 === 0 ? 'a' : '\\x7f');
                const t0 = performance.now();
                ws.send(key);
                const t1 = await next(5000);
                samples.push(t1 === null ? -1 : t1 - t0);
                while (await next(30) !== null) { /* drain until quiet */ }
              }
              ws.close(1000, 'done');
              return samples;
            }
            """;

    /** virsh console through a pty, timed like the browser loop; prints one sample in ms per line. */
    private static final String VIRSH_LOOP = """
            import os, pty, select, sys, time
            dom, keys = sys.argv[1], int(sys.argv[2])
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp('virsh', ['virsh', '-c', 'qemu:///system', 'console', '--force', dom])
            def read(limit):
                r, _, _ = select.select([fd], [], [], limit)
                return os.read(fd, 65536) if r else None
            screen = b''
            deadline = time.monotonic() + 120
            while b'READY42' not in screen:
                if time.monotonic() > deadline:
                    sys.exit('no shell: %r' % screen[-300:])
                os.write(fd, b'echo READY$((40+2))\\r')
                end = time.monotonic() + 2
                while time.monotonic() < end:
                    got = read(0.2)
                    if got:
                        screen += got
            while read(0.3) is not None:
                pass
            for i in range(keys):
                key = b'a' if i % 2 == 0 else b'\\x7f'
                t0 = time.perf_counter()
                os.write(fd, key)
                got = read(5)
                t1 = time.perf_counter()
                print('%.3f' % ((t1 - t0) * 1000 if got else -1), flush=True)
                while read(0.03) is not None:
                    pass
            os.write(fd, b'\\x1d')
            time.sleep(0.5)
            os.kill(pid, 9)
            """;

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

    @Test
    void keystrokeRoundTripBrowserAgainstVirshConsole() throws Exception {
        assertThat(LiveConsoleGuest.available()).as("bin/bench console starts libvirtd and builds the guest image")
                .isTrue();
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID dave = fixtures.customer("dave");
        UUID server = servers.order(dave, catalog, Fixtures.hostname("bench-console"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        guest.boot(server);
        try (BrowserContext context = Browser.get().newContext()) {
            Page page = context.newPage();
            page.navigate(base.toString());
            SignIn.as(page, "dave");
            page.waitForURL(Pattern.compile(".*/servers$"));
            page.navigate(base + "servers/" + server);
            long t0 = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<Number> raw = (List<Number>) page.evaluate(BROWSER_LOOP, List.of(KEYS));
            double[] browser = raw.stream().mapToDouble(Number::doubleValue).toArray();
            report("browser -> panel -> guest echo", browser, System.nanoTime() - t0);
            await().atMost(Duration.ofSeconds(10)).until(() -> sessions.openOn(server).isEmpty());

            t0 = System.nanoTime();
            double[] virsh = virsh(server);
            report("virsh console (pty) -> guest echo", virsh, System.nanoTime() - t0);
            printf("%d keys each on a TCG guest; one key at a time from rest (30 ms of quiet between keys)", KEYS);
        } finally {
            guest.stop(server);
        }
    }

    private static double[] virsh(UUID server) throws IOException, InterruptedException {
        Path script = Files.createTempFile("ik-bench-virsh-", ".py");
        try {
            Files.writeString(script, VIRSH_LOOP, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("python3", script.toString(), server.toString(), String.valueOf(KEYS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("the virsh loop: %s", out).isZero();
            return out.lines().filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static void report(String what, double[] samples, long elapsedNanos) {
        long lost = Arrays.stream(samples).filter(s -> s < 0).count();
        double[] ok = Arrays.stream(samples).filter(s -> s >= 0).sorted().toArray();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Double> e : Map.of("p50", 50.0, "p95", 95.0, "p99", 99.0).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            parts.add(String.format("%s %.2f ms", e.getKey(), percentile(ok, e.getValue())));
        }
        printf("%-36s n=%d %s, min %.2f max %.2f ms, no echo in 5 s: %d (%.1f s in all)", what, ok.length,
                String.join(", ", parts), ok.length == 0 ? Double.NaN : ok[0],
                ok.length == 0 ? Double.NaN : ok[ok.length - 1], lost, elapsedNanos / 1e9);
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void printf(String format, Object... args) {
        System.out.printf("[bench console] " + format + "%n", args);
    }
}
