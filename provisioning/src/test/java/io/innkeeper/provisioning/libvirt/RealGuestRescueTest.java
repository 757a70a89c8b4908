package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.read;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static io.innkeeper.provisioning.libvirt.GuestConsole.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.rescue.RescueBoot;

/**
 * Rescue mode on a real QEMU guest (TCG) through the panel's {@link LibvirtDriver}: the guest boots its own system,
 * then {@link LibvirtDriver#redefine} (what the RESCUE_ON job calls) and a start boot the rescue initramfs of
 * bin/build-guest-image with the guest's disk attached. The rescue system prints its marker with the first line of
 * the disk (the template's marker, read through the guest's overlay), and its serial login takes root with the
 * one-time password whose hash the kernel command line carried and refuses another. Leaving rescue (RESCUE_OFF:
 * redefine with the normal spec, start) boots the guest's own system again. Skipped unless
 * INNKEEPER_REAL_GUESTS=1; the setup is {@link RealGuestSmokeTest}'s.
 */
class RealGuestRescueTest {

    static final String RESCUE_MARKER = "INNKEEPER-RESCUE disk=INNKEEPER-BASE-DISK template root-password=set";
    static final Duration LOGIN_LIMIT = Duration.ofSeconds(60);

    private final StepTimer timer = new StepTimer("real-rescue");
    private ThrowawayQemuNode node;

    @BeforeEach
    void setUp() throws Exception {
        node = ThrowawayQemuNode.open("real-rescue");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (node != null) {
            node.close();
            timer.print();
        }
    }

    @Test
    void guestBootsTheRescueSystemWithItsDiskAndComesBack() throws Exception {
        Path guestDir = guestDir();
        Path vmlinuz = guestDir.resolve("vmlinuz");
        Path rescueInitramfs = guestDir.resolve("rescue-initramfs.cpio.gz");
        assertTrue(Files.exists(rescueInitramfs), "missing " + rescueInitramfs + "; run bin/build-guest-image");
        LibvirtDriver driver = node.qemu(timer);
        UUID guestId = node.newGuest();
        GuestSpec normal = node.kernelGuest(guestId, "initramfs.cpio.gz", "console=ttyS0");
        Path serialLog = node.serialLog(guestId);
        assertEquals(PowerState.RUNNING, timer.step("ensureRunning", () -> driver.ensureRunning(normal)));
        timer.step("normalBoot", () -> awaitMarkers(serialLog, 1));
        assertFalse(read(serialLog).contains("INNKEEPER-RESCUE"), "no rescue system yet");

        // Enter rescue as the RESCUE_ON job does: the spec boots the rescue system, the driver redefines, it starts.
        String password = "rescue-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        String hash = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8));
        GuestSpec rescue = normal.withBoot(RescueBoot.of(vmlinuz.toString(), rescueInitramfs.toString(),
                "console=ttyS0" + ThrowawayQemuNode.TCG_SAFE, hash));
        timer.step("redefineRescue", () -> driver.redefine(rescue));
        assertEquals(PowerState.SHUT_OFF, driver.powerState(guestId), "redefine leaves the guest off");
        String domXml = node.conn.domainLookupByUUID(guestId).getXMLDesc(0);
        assertTrue(domXml.contains(rescueInitramfs.toString()) && domXml.contains(node.layout().diskImage(guestId)),
                () -> "the definition boots the rescue initramfs with the guest's disk:\n" + domXml);
        assertFalse(domXml.contains(password), "the password never reaches the node");
        assertEquals(PowerState.RUNNING, timer.step("startRescue", () -> driver.start(guestId)));
        timer.step("rescueMarker", () -> waitFor(RESCUE_MARKER, GuestConsole.BOOT_LIMIT,
                () -> read(serialLog).contains(RESCUE_MARKER)));
        assertEquals(1, GuestConsole.countMarkers(serialLog), "the rescue system is not the guest's own system");

        // The rescue system's serial login takes root with the one-time password, and only with it.
        StringBuffer screen = new StringBuffer();
        ConsoleSink sink = new ConsoleSink() {
            @Override
            public void output(byte[] bytes) {
                screen.append(new String(bytes, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void ended(String reason) {
                screen.append("\n[ended: ").append(reason).append("]\n");
            }
        };
        try (ConsoleStream console = driver.openConsole(guestId, sink)) {
            timer.step("wrongPassword", () -> login(console, screen, "wrong-" + password, "Login incorrect"));
            timer.step("login", () -> login(console, screen, password, "#"));
            console.send("echo RESCUE-SHELL-$((6*7)) $(id -u)\r".getBytes(StandardCharsets.US_ASCII));
            waitFor("a root shell in the rescue system", LOGIN_LIMIT,
                    () -> screen.toString().contains("RESCUE-SHELL-42 0"));
        }
        System.out.println("[real-rescue] console:\n" + screen);

        // Leave rescue as the RESCUE_OFF job does: the normal spec again, started.
        timer.step("redefineNormal", () -> driver.redefine(normal));
        assertEquals(PowerState.RUNNING, timer.step("startNormal", () -> driver.start(guestId)));
        timer.step("normalBootAgain", () -> awaitMarkers(serialLog, 2));
        String log = read(serialLog);
        assertTrue(log.lastIndexOf(GuestConsole.MARKER) > log.lastIndexOf(RESCUE_MARKER),
                () -> "the guest's own system booted after the rescue system:\n" + tail(serialLog));
        assertTrue(log.substring(log.lastIndexOf(RESCUE_MARKER)).contains(
                "INNKEEPER-GUEST-DISK INNKEEPER-BASE-DISK template"), "its own system sees its disk again");
        String again = node.conn.domainLookupByUUID(guestId).getXMLDesc(0);
        assertFalse(again.contains(rescueInitramfs.toString()) || again.contains(RescueBoot.HASH_PARAMETER),
                () -> "no rescue left in the definition:\n" + again);
        timer.step("remove", () -> driver.remove(guestId));
    }

    /** Answers the serial login prompt as root with {@code password} and waits for {@code expect} after it. */
    private static void login(ConsoleStream console, StringBuffer screen, String password, String expect) {
        int from = screen.length();
        console.send("\r".getBytes(StandardCharsets.US_ASCII));
        waitFor("a login prompt", LOGIN_LIMIT, () -> screen.indexOf("login:", from) >= 0);
        int prompt = screen.length();
        console.send("root\r".getBytes(StandardCharsets.US_ASCII));
        waitFor("a password prompt", LOGIN_LIMIT, () -> screen.indexOf("assword:", prompt) >= 0);
        int asked = screen.length();
        console.send((password + "\r").getBytes(StandardCharsets.US_ASCII));
        waitFor("'" + expect + "' after the password", LOGIN_LIMIT, () -> screen.indexOf(expect, asked) >= 0);
    }
}
