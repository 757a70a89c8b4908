package io.innkeeper.provisioning.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What {@link RealGuestSmokeTest} and {@link RealGuestDriverTest} share: where the guest image of
 * bin/build-guest-image lives, reading a guest's serial log, waiting for boots and running host commands.
 */
final class GuestConsole {

    /** Printed once per boot by the guest's init (provisioning/src/test/resources/guest). */
    static final String MARKER = "INNKEEPER-GUEST-INIT-REACHED";
    /** Under TCG the guest reaches init in 5-15 s; a loaded CI machine gets plenty of slack. */
    static final Duration BOOT_LIMIT = Duration.ofSeconds(120);

    private GuestConsole() {
    }

    /** The directory bin/build-guest-image writes to: $INNKEEPER_CACHE/guest, else the XDG cache. */
    static Path guestDir() {
        String own = System.getenv("INNKEEPER_GUEST_DIR");
        if (own != null && !own.isBlank()) {
            return Paths.get(own);
        }
        String cache = System.getenv("INNKEEPER_CACHE");
        if (cache == null || cache.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg == null || xdg.isBlank() ? Paths.get(System.getProperty("user.home"), ".cache")
                    : Paths.get(xdg);
            return base.resolve("innkeeper").resolve("guest");
        }
        return Paths.get(cache).resolve("guest");
    }

    /**
     * The file's text, or "" while it does not exist or cannot be read: libvirt creates a serial log only when the
     * guest starts, so pollers must not fail on it. ISO-8859-1 because a console may print any byte.
     */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** How many boots the log shows: the guest prints {@link #MARKER} once per boot. */
    static int countMarkers(Path log) {
        String text = read(log);
        int count = 0;
        for (int i = text.indexOf(MARKER); i >= 0; i = text.indexOf(MARKER, i + MARKER.length())) {
            count++;
        }
        return count;
    }

    /** The log's last 25 lines, for failure messages: why a guest did not boot or did not power off. */
    static String tail(Path log) {
        List<String> lines = read(log).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    }

    /**
     * Waits up to {@link #BOOT_LIMIT} for the serial log to show {@code count} markers; the log is appended to
     * (append='on'), so boot n shows as the n-th marker. On timeout the failure carries the log's last lines.
     */
    static void awaitMarkers(Path serialLog, int count) {
        try {
            waitFor(count + " x " + MARKER + " in " + serialLog, BOOT_LIMIT, () -> countMarkers(serialLog) >= count);
        } catch (AssertionError e) {
            fail(e.getMessage() + "; last lines:\n" + tail(serialLog));
        }
    }

    /**
     * Polls every 100 ms until the condition holds. On timeout throws an {@link AssertionError} naming what it
     * waited for and for how long (callers catch that to fall back or to add context), not Awaitility's exception.
     */
    static void waitFor(String what, Duration limit, BooleanSupplier condition) {
        try {
            // Other threads of the shared test JVM (earlier Quarkus apps) are none of this wait's business.
            Awaitility.await(what).atMost(limit).pollInterval(Duration.ofMillis(100)).dontCatchUncaughtExceptions()
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what, e);
        }
    }

    /** Runs a host command (qemu-img, ip, virsh) and returns its output; fails if it hangs or exits non-zero. */
    static String run(Duration limit, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + limit.toSeconds() + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + out);
        return out;
    }
}
