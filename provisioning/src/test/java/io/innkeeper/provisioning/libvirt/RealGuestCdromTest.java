package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
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

    static final String URI = "qemu:///system";
    static final String ISO_MARKER = "INNKEEPER-ISO-BOOT";

    private final StepTimer timer = new StepTimer("real-cdrom");
    private Path work;
    private Connect conn;
    private ThrowawayNetwork network;
    private LibvirtConnections connections;
    private UUID guestId;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(RealGuestSmokeTest.enabled(),
                "real guests are off; set INNKEEPER_REAL_GUESTS=1 (after ik_ensure_libvirtd and bin/build-guest-image)");
        work = Files.createTempDirectory("innkeeper-real-cdrom-");
        conn = new Connect(URI);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (work == null) {
            return; // skipped
        }
        if (guestId != null) {
            try {
                Domain dom = conn.domainLookupByUUID(guestId);
                if (dom.isActive() == 1) {
                    dom.destroy();
                }
                dom.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA | Domain.UndefineFlags.MANAGED_SAVE);
            } catch (LibvirtException e) {
                // already gone: the test removed it
            }
        }
        if (connections != null) {
            connections.closeAll();
        }
        RealGuestDriverTest.dropPoolsOver(conn, work);
        RealGuestDriverTest.dropPoolsOver(conn, work.resolve("images"));
        if (network != null) {
            network.close();
        }
        conn.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        timer.print();
    }

    @Test
    void guestSeesIsoAsCdromBootsFromItAndEjects() throws Exception {
        Path guestDir = guestDir();
        Path iso = guestDir.resolve("test.iso");
        assertTrue(Files.exists(iso), "missing " + iso + "; run bin/build-test-iso");
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 40);
        network = timer.step("network", () -> ThrowawayNetwork.create(conn, "real-cdrom", suffix));
        Path images = Files.createDirectories(work.resolve("images"));
        NodeLayout layout = new NodeLayout(images.toString(), work.resolve("containers").toString(), work.toString(),
                new NetworkAttachment.Network(network.name), "/usr/lib/xen-4.17/bin/pygrub",
                "/usr/lib/xen-4.17/boot/hvmloader");
        connections = new LibvirtConnections();
        LibvirtDriver driver = new LibvirtDriver(URI, connections, new KvmDomainXml("qemu", layout));
        Files.copy(guestDir.resolve("disk.qcow2"), images.resolve("template-disk.qcow2"));
        // The admin's ISO on the node: a file in its image directory, under the name the library gives.
        Files.copy(iso, images.resolve("innkeeper-test.iso"));

        guestId = UUID.randomUUID();
        // ik.cdrom makes the guest's init wait for the drive before it says what it sees.
        GuestSpec spec = new GuestSpec(guestId, UUID.randomUUID(), "real-cdrom-" + suffix, 1, 256, 1,
                "template-disk.qcow2").withBoot(new GuestSpec.Boot.Kernel(guestDir.resolve("vmlinuz").toString(),
                        guestDir.resolve("initramfs.cpio.gz").toString(), "console=ttyS0 ik.cdrom", true));
        GuestSpec attached = spec.withCdrom(new Cdrom("innkeeper-test.iso", false));
        Path serialLog = Paths.get(layout.consoleLog(guestId));
        String isoPath = images.resolve("innkeeper-test.iso").toString();

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
        Domain domain = conn.domainLookupByUUID(guestId);
        try {
            return domain.getXMLDesc(0);
        } finally {
            domain.free();
        }
    }

    private String storedXml() throws LibvirtException {
        Domain domain = conn.domainLookupByUUID(guestId);
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
