package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.Cdrom;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;

/**
 * A real QEMU guest (TCG) and the bootable ISO of bin/build-test-iso, through the panel's {@link LibvirtDriver}:
 * with the ISO attached the guest sees an IDE CD-ROM holding it (its init prints the drive and the ISO's volume
 * label); the ISO is ejected and put back while the guest runs; with "boot from CD-ROM" the next start goes through
 * the firmware (not the test's direct kernel boot) into the ISO's isolinux and kernel, whose init prints
 * {@code INNKEEPER-ISO-BOOT}; back to the disk's boot, the guest's own system starts again with an empty drive.
 * Skipped unless INNKEEPER_REAL_GUESTS=1:
 *
 * <pre>
 * . bin/lib.sh; ik_find_jdk; ik_ensure_libvirtd; bin/build-guest-image; bin/build-test-iso
 * INNKEEPER_REAL_GUESTS=1 ./mvnw -B -q test -Dtest=RealGuestCdromTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class RealGuestCdromTest {

    static final String ISO_MARKER = "INNKEEPER-ISO-BOOT";

    private final StepTimer timer = new StepTimer("real-cdrom");
    private ThrowawayQemuNode node;
    private UUID guestId;

    @BeforeEach
    void setUp() throws Exception {
        node = ThrowawayQemuNode.open("real-cdrom");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (node != null) {
            node.close();
            timer.print();
        }
    }

    @Test
    void guestSeesIsoAsCdromBootsFromItAndEjects() throws Exception {
        Path iso = guestDir().resolve("test.iso");
        assertTrue(Files.exists(iso), "missing " + iso + "; run bin/build-test-iso");
        LibvirtDriver driver = node.qemu(timer);
        // The admin's ISO on the node: a file in its image directory, under the name the library gives.
        Path isoOnNode = node.images().resolve("innkeeper-test.iso");
        Files.copy(iso, isoOnNode);

        guestId = node.newGuest();
        // ik.cdrom makes the guest's init wait for the drive before it says what it sees.
        GuestSpec spec = node.kernelGuest(guestId, "initramfs.cpio.gz", "console=ttyS0 ik.cdrom");
        GuestSpec attached = spec.withCdrom(new Cdrom("innkeeper-test.iso", false));
        Path serialLog = node.serialLog(guestId);
        String isoPath = isoOnNode.toString();

        // 1. Attached: the guest sees an IDE CD-ROM with the ISO in it.
        assertEquals(PowerState.RUNNING, timer.step("ensureRunning", () -> driver.ensureRunning(attached)));
        timer.step("bootMarker", () -> awaitMarkers(serialLog, 1));
        assertTrue(GuestConsole.read(serialLog).contains("INNKEEPER-GUEST-CDROM cdrom: sr0 label=INNKEEPER_ISO"),
                () -> "the guest did not see the ISO in a CD-ROM drive:\n" + tail(serialLog));
        assertEquals(List.of(isoPath), cdromSources(liveXml()));

        // 2. Ejected while it runs: gone from the running guest and from the definition.
        assertTrue(timer.step("ejectLive", () -> driver.setCdrom(spec.withCdrom(Cdrom.EMPTY))),
                "the medium changes in the running guest");
        assertEquals(List.of(), cdromSources(liveXml()));
        assertEquals(1, XmlIn.parse(liveXml()).texts("/domain/devices/disk[@device='cdrom']").size(),
                "the empty drive stays");
        assertEquals(List.of(), cdromSources(storedXml()));

        // 3. Put back while it runs.
        assertTrue(timer.step("insertLive", () -> driver.setCdrom(attached)));
        assertEquals(List.of(isoPath), cdromSources(liveXml()));

        // 4. Boot from CD-ROM: the stored definition boots through the firmware, CD-ROM first; the running guest
        // keeps its boot until it starts again.
        GuestSpec fromCd = spec.withCdrom(new Cdrom("innkeeper-test.iso", true));
        driver.setCdrom(fromCd);
        XmlIn stored = XmlIn.parse(storedXml());
        assertEquals(List.of("cdrom", "hd"), stored.texts("/domain/os/boot/@dev"));
        assertNull(stored.text("/domain/os/kernel"), "no direct kernel boot, which would skip the boot order");
        assertFalse(GuestConsole.read(serialLog).contains(ISO_MARKER));
        timer.step("powerOff", () -> driver.powerOff(guestId));
        assertEquals(PowerState.RUNNING, timer.step("startFromCd", () -> driver.start(guestId)));
        timer.step("isoMarker", () -> {
            try {
                GuestConsole.waitFor(ISO_MARKER + " in " + serialLog, GuestConsole.BOOT_LIMIT,
                        () -> GuestConsole.read(serialLog).contains(ISO_MARKER));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; last lines:\n" + tail(serialLog), e);
            }
        });
        assertEquals(1, GuestConsole.countMarkers(serialLog), "the disk's system did not boot again");
        System.out.println("[real-cdrom] " + GuestConsole.read(serialLog).lines()
                .filter(l -> l.contains(ISO_MARKER)).findFirst().orElseThrow());

        // 5. Back to the disk, ISO ejected: the guest's own system with an empty drive.
        assertTrue(driver.setCdrom(spec.withCdrom(Cdrom.EMPTY)), "ejected from the running ISO system");
        timer.step("powerOff2", () -> driver.powerOff(guestId));
        timer.step("startFromDisk", () -> driver.start(guestId));
        timer.step("bootMarker2", () -> awaitMarkers(serialLog, 2));
        String second = GuestConsole.read(serialLog);
        second = second.substring(second.indexOf(ISO_MARKER));
        assertTrue(second.contains("INNKEEPER-GUEST-CDROM cdrom: sr0 label=none"),
                "the drive is there and empty:\n" + tail(serialLog));
        assertFalse(XmlIn.parse(storedXml()).texts("/domain/os/boot/@dev").contains("cdrom"));
        assertTrue(XmlIn.parse(storedXml()).text("/domain/os/kernel") != null, "direct kernel boot is back");

        timer.step("remove", () -> driver.remove(guestId));
        assertThrows(DriverException.NotFoundOnHost.class, () -> driver.powerState(guestId));
    }

    private String liveXml() throws LibvirtException {
        Domain domain = node.conn.domainLookupByUUID(guestId);
        try {
            return domain.getXMLDesc(0);
        } finally {
            domain.free();
        }
    }

    private String storedXml() throws LibvirtException {
        Domain domain = node.conn.domainLookupByUUID(guestId);
        try {
            return domain.getXMLDesc(Domain.XMLFlags.INACTIVE);
        } finally {
            domain.free();
        }
    }

    private static List<String> cdromSources(String domainXml) {
        return XmlIn.parse(domainXml).texts("/domain/devices/disk[@device='cdrom']/source/@file");
    }
}
