package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.driver.Snapshot;

/**
 * The panel's own {@link LibvirtDriver} with {@link KvmDomainXml} (type 'qemu', TCG) provisions a real guest on
 * qemu:///system: boot, idempotent ensureRunning, live CPU and disk limits, clean ACPI shutdown, start, internal
 * snapshots, reboot and removal. Skipped unless INNKEEPER_REAL_GUESTS=1; needs the same setup as
 * {@link RealGuestSmokeTest}:
 *
 * <pre>
 * . bin/lib.sh; ik_find_jdk; ik_ensure_libvirtd; bin/build-guest-image
 * INNKEEPER_REAL_GUESTS=1 ./mvnw -B -q test -Dtest=RealGuestDriverTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The guest's NIC needs a libvirt network; the test makes a throwaway one. It first tries an isolated network
 * (a bridge libvirt creates, no {@code <ip>}, so no dnsmasq). libvirt still installs firewall rules for that, which
 * needs iptables and the LIBVIRT_* chains libvirtd creates at its start; where that fails the test makes a bridge
 * itself ({@code ip link add ... type bridge}) and wraps it in a {@code <forward mode='bridge'/>} network, which
 * needs no firewall.
 */
class RealGuestDriverTest {

    static final String URI = "qemu:///system";

    private final StepTimer timer = new StepTimer("real-driver");
    private Path work;
    private Connect conn;
    private ThrowawayNetwork network;
    private LibvirtConnections connections;
    private LibvirtDriver driver;
    private UUID guestId;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(RealGuestSmokeTest.enabled(),
                "real guests are off; set INNKEEPER_REAL_GUESTS=1 (after ik_ensure_libvirtd and bin/build-guest-image)");
        work = Files.createTempDirectory("innkeeper-real-driver-");
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
                System.out.println("[real-driver] cleaned up domain " + guestId);
            } catch (LibvirtException e) {
                // normal after a passing run: remove() already undefined it
            }
        }
        if (connections != null) {
            connections.closeAll();
        }
        dropConsolePool();
        if (network != null) {
            network.close();
        }
        conn.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        timer.print();
    }

    @Test
    void panelDriverProvisionsRealQemuGuest() throws Exception {
        Path guestDir = guestDir();
        Path vmlinuz = guestDir.resolve("vmlinuz");
        Path initramfs = guestDir.resolve("initramfs.cpio.gz");
        assertTrue(Files.exists(vmlinuz) && Files.exists(initramfs),
                "missing guest image in " + guestDir + "; run bin/build-guest-image first");

        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 40);
        network = timer.step("network", () -> ThrowawayNetwork.create(conn, "real-driver", suffix));

        NodeLayout layout = new NodeLayout(work.toString(), work.resolve("containers").toString(), work.toString(),
                new NetworkAttachment.Network(network.name), "/usr/lib/xen-4.17/bin/pygrub",
                "/usr/lib/xen-4.17/boot/hvmloader");
        connections = new LibvirtConnections();
        driver = new LibvirtDriver(URI, connections, new KvmDomainXml("qemu", layout));

        guestId = UUID.randomUUID();
        GuestSpec spec = new GuestSpec(guestId, UUID.randomUUID(), "real-driver-" + suffix, 1, 256, 1, "test-image")
                .withBoot(new GuestSpec.Boot.Kernel(vmlinuz.toString(), initramfs.toString(), "console=ttyS0", true))
                .withLimits(new GuestSpec.Limits(512, 100000L, 50000L, 800L, 100_000_000L, null, null))
                .withSeed("http://192.0.2.10:8080/cloud-init/" + guestId + "/0123abcd/");
        String name = spec.domainName();
        Path serialLog = Paths.get(layout.consoleLog(guestId));
        run(Duration.ofSeconds(30), "qemu-img", "create", "-q", "-f", "qcow2", layout.diskImage(guestId), "16M");

        assertEquals(PowerState.RUNNING, timer.step("ensureRunning", () -> driver.ensureRunning(spec)));
        assertEquals(PowerState.RUNNING, timer.step("ensureRunningAgain", () -> driver.ensureRunning(spec)));
        timer.step("bootMarker", () -> awaitMarkers(serialLog, 1));
        assertEquals(PowerState.RUNNING, driver.powerState(guestId));
        // The guest sees its cloud-init seed where NoCloud looks for it.
        assertTrue(Files.readString(serialLog).contains("INNKEEPER-GUEST-SEED " + "ds=nocloud;s=" + spec.seedUrl()),
                () -> "no seed in the guest's SMBIOS serial; serial log:\n" + tail(serialLog));

        // The panel reads the same log back through libvirt (a storage pool over the log directory, a stream).
        // An admin's own pool over the directory, defined and left stopped, is the one it takes: libvirt allows one.
        conn.storagePoolDefineXML(LibvirtConsoleLog.poolXml("real-driver-logs-" + suffix, work.toString()), 0).free();
        ConsoleOutput console = timer.step("consoleTail", () -> driver.consoleTail(guestId, 16 * 1024));
        assertTrue(console.text().contains(GuestConsole.MARKER) && console.text().contains("ds=nocloud;s="),
                () -> "console tail lacks the guest's lines:\n" + console.text());
        long logSize = Files.size(serialLog);
        assertTrue(console.totalBytes() > 0 && console.totalBytes() <= logSize, console.totalBytes() + " of " + logSize);
        assertEquals(console.totalBytes() > 16 * 1024, console.truncated());
        ConsoleOutput last = driver.consoleTail(guestId, 40);
        assertTrue(last.truncated() && last.text().length() <= 40, () -> "tail of 40 bytes: " + last);
        assertTrue(GuestConsole.read(serialLog).contains(last.text()), () -> "not in the log: " + last.text());
        org.libvirt.StoragePool adminsPool = conn.storagePoolLookupByName("real-driver-logs-" + suffix);
        assertEquals(1, adminsPool.isActive(), "the driver started the admin's pool rather than failing on its own");
        adminsPool.free();
        System.out.println("[real-driver] console tail " + console.text().length() + " chars of "
                + console.totalBytes() + " bytes");

        // Limits as the live guest has them.
        Map<String, String> sched = timer.step("schedinfo", () -> fields(virsh("schedinfo", name)));
        System.out.println("[real-driver] schedinfo " + sched);
        assertEquals("512", sched.get("cpu_shares"), "cpu_shares in " + sched);
        assertEquals("100000", sched.get("vcpu_period"), "vcpu_period in " + sched);
        assertEquals("50000", sched.get("vcpu_quota"), "vcpu_quota in " + sched);
        Map<String, String> info = fields(virsh("dominfo", name));
        System.out.println("[real-driver] dominfo " + info);
        assertEquals("1", info.get("CPU(s)"));
        assertEquals("262144 KiB", info.get("Max memory"));
        assertEquals("262144 KiB", info.get("Used memory"));
        assertEquals("running", info.get("State"));
        Map<String, String> io = timer.step("blkdeviotune", () -> fields(virsh("blkdeviotune", name, "vda")));
        System.out.println("[real-driver] blkdeviotune vda " + io);
        assertEquals("800", io.get("total_iops_sec"), "total_iops_sec in " + io);
        assertEquals("100000000", io.get("total_bytes_sec"), "total_bytes_sec in " + io);
        String domXml = virsh("dumpxml", name);
        assertTrue(domXml.contains("<source network='" + network.name + "'") && domXml.contains("<target dev='vnet"),
                "NIC on the test network with a tap device:\n" + domXml);

        assertEquals(ShutdownOutcome.CLEAN, timer.step("shutdown", () -> driver.shutdown(guestId, Duration.ofSeconds(30))),
                () -> "guest ignored ACPI shutdown; serial log:\n" + tail(serialLog));
        assertEquals(PowerState.SHUT_OFF, driver.powerState(guestId));
        assertEquals(ShutdownOutcome.ALREADY_OFF, driver.shutdown(guestId, Duration.ofSeconds(1)));

        assertEquals(PowerState.RUNNING, timer.step("start", () -> driver.start(guestId)));
        timer.step("startMarker", () -> awaitMarkers(serialLog, 2));

        String snapName = "driver-" + suffix;
        Snapshot snap = timer.step("snapshotCreate", () -> driver.createSnapshot(guestId, snapName, "driver test"));
        System.out.println("[real-driver] snapshot " + snap);
        assertEquals(snapName, snap.name());
        assertEquals("driver test", snap.description());
        assertEquals(PowerState.RUNNING, snap.state());
        List<Snapshot> listed = timer.step("snapshotList", () -> driver.snapshots(guestId));
        assertEquals(List.of(snapName), listed.stream().map(Snapshot::name).toList());
        assertEquals(PowerState.RUNNING, driver.powerState(guestId), "guest runs on after an internal snapshot");
        timer.step("snapshotDelete", () -> driver.deleteSnapshot(guestId, snapName));
        assertEquals(List.of(), driver.snapshots(guestId));

        timer.step("reboot", () -> {
            driver.reboot(guestId);
            awaitMarkers(serialLog, 3);
        });
        assertEquals(PowerState.RUNNING, driver.powerState(guestId));

        timer.step("remove", () -> driver.remove(guestId));
        assertThrows(DriverException.NotFoundOnHost.class, () -> driver.powerState(guestId));
        assertThrows(LibvirtException.class, () -> conn.domainLookupByName(name), "no domain " + name + " left");
    }

    /**
     * The panel's driver and LXC dialect on lxc:///system: the container's root is a copy of the test rootfs in
     * the node's container directory (what unpacking the template cache gives), its cloud-init seed is written
     * there before it is defined, its init writes a marker we read from the host, a clean shutdown reaches it
     * (libvirt signals PID 1 when there is no initctl), and it starts again and is removed.
     */
    @Test
    void panelDriverRunsRealLxcContainer() throws Exception {
        Path rootfs = guestDir().resolve("lxc-rootfs");
        assertTrue(Files.exists(rootfs.resolve("sbin/init")), "missing " + rootfs + "; run bin/build-guest-image");
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 40);
        network = timer.step("network", () -> ThrowawayNetwork.create(conn, "real-driver", suffix));
        NodeLayout layout = new NodeLayout(work.toString(), work.resolve("containers").toString(), work.toString(),
                new NetworkAttachment.Network(network.name), "/usr/lib/xen-4.17/bin/pygrub",
                "/usr/lib/xen-4.17/boot/hvmloader");
        connections = new LibvirtConnections();
        LibvirtDriver lxc = new LibvirtDriver("lxc:///system", connections, new LxcDomainXml(layout));
        UUID id = UUID.randomUUID();
        Path root = Paths.get(layout.containerRoot(id));
        Files.createDirectories(root.getParent());
        run(Duration.ofSeconds(30), "cp", "-a", rootfs.toString(), root.toString());
        Path marker = Files.createDirectories(root.resolve("innkeeper")).resolve("marker");
        GuestSpec spec = new GuestSpec(id, UUID.randomUUID(), "real-lxc-" + suffix, 1, 128, 1, "test-rootfs")
                .withLimits(new GuestSpec.Limits(256, null, null, null, null, null, null))
                .withSeed("http://192.0.2.10:8080/cloud-init/" + id + "/0123abcd/");
        try {
            assertEquals(PowerState.RUNNING, timer.step("lxcEnsureRunning", () -> lxc.ensureRunning(spec)));
            timer.step("lxcMarker", () -> GuestConsole.waitFor("marker in " + marker, Duration.ofSeconds(30),
                    () -> GuestConsole.read(marker).contains("INNKEEPER-GUEST-INIT-REACHED lxc pid=1")));
            assertTrue(Files.readString(root.resolve(ContainerSeed.DIR).resolve("meta-data"))
                    .contains("seedfrom: " + spec.seedUrl()), "cloud-init seed in the container's root");
            assertEquals(PowerState.RUNNING, lxc.ensureRunning(spec));
            assertThrows(DriverException.Unsupported.class, () -> lxc.consoleTail(id, 1024),
                    "a container's console is not logged on the node");

            assertEquals(ShutdownOutcome.CLEAN, timer.step("lxcShutdown",
                    () -> lxc.shutdown(id, Duration.ofSeconds(20))));
            assertEquals(PowerState.SHUT_OFF, lxc.powerState(id));
            Files.delete(marker);
            assertEquals(PowerState.RUNNING, timer.step("lxcStart", () -> lxc.start(id)));
            timer.step("lxcMarkerAgain", () -> GuestConsole.waitFor("marker in " + marker, Duration.ofSeconds(30),
                    () -> GuestConsole.read(marker).contains("INNKEEPER-GUEST-INIT-REACHED")));
        } finally {
            timer.step("lxcRemove", () -> lxc.remove(id));
        }
        assertThrows(DriverException.NotFoundOnHost.class, () -> lxc.powerState(id));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** Console log pools over this test's directory, the admin's and any the driver defined, go with it. */
    private void dropConsolePool() throws LibvirtException {
        String target = "<path>" + work + "</path>";
        for (String[] names : new String[][] { conn.listStoragePools(), conn.listDefinedStoragePools() }) {
            for (String name : names) {
                org.libvirt.StoragePool pool = conn.storagePoolLookupByName(name);
                if (pool.getXMLDesc(0).contains(target)) {
                    if (pool.isActive() != 0) {
                        pool.destroy();
                    }
                    pool.undefine();
                }
                pool.free();
            }
        }
    }

    private static String virsh(String... args) throws IOException, InterruptedException {
        String[] command = Stream.concat(Stream.of("virsh", "-c", URI), Stream.of(args)).toArray(String[]::new);
        return run(Duration.ofSeconds(30), command);
    }

    /** "key : value" lines of virsh output as a map (keys and values trimmed). */
    private static Map<String, String> fields(String output) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                map.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return map;
    }
}
