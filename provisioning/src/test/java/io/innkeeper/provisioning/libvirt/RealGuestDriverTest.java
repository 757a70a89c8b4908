package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.driver.Snapshot;

/**
 * The panel's own {@link LibvirtDriver} with {@link KvmDomainXml} (type 'qemu', TCG) provisions a real guest on
 * qemu:///system: its disk made as a storage volume (a qcow2 overlay of the built template disk, which the guest
 * reads back), boot, idempotent ensureRunning, live CPU and disk limits, clean ACPI shutdown, disk growth while off
 * and live, start, internal snapshots, reboot and removal with the disk. Skipped unless INNKEEPER_REAL_GUESTS=1; needs the same setup as
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

    static final String URI = ThrowawayQemuNode.URI;

    private final StepTimer timer = new StepTimer("real-driver");
    private ThrowawayQemuNode node;

    @BeforeEach
    void setUp() throws Exception {
        node = ThrowawayQemuNode.open("real-driver");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (node != null) {
            node.close();
            timer.print();
        }
    }

    @Test
    void panelDriverProvisionsRealQemuGuest() throws Exception {
        Path guestDir = guestDir();
        Path vmlinuz = guestDir.resolve("vmlinuz");
        Path initramfs = guestDir.resolve("initramfs.cpio.gz");
        assertTrue(Files.exists(vmlinuz) && Files.exists(initramfs),
                "missing guest image in " + guestDir + "; run bin/build-guest-image first");

        // Images and console logs in directories of their own, each the target of one storage pool; the template
        // as an admin puts it on a node: an image file in the node's image dir.
        LibvirtDriver driver = node.qemu(timer);
        Connect conn = node.conn;
        Path work = node.work;
        Path images = node.images();
        NodeLayout layout = node.layout();
        String suffix = node.suffix;
        ThrowawayNetwork network = node.network(timer);
        timeVolumeCreates(layout);

        UUID guestId = node.newGuest();
        GuestSpec spec = node.kernelGuest(guestId, "initramfs.cpio.gz", "console=ttyS0")
                .withLimits(new GuestSpec.Limits(512, 100000L, 50000L, 800L, 100_000_000L, null, null))
                .withSeed("http://192.0.2.10:8080/cloud-init/" + guestId + "/0123abcd/");
        String name = spec.domainName();
        Path serialLog = Paths.get(layout.consoleLog(guestId));
        assertEquals(PowerState.RUNNING, timer.step("ensureRunning", () -> driver.ensureRunning(spec)));
        assertEquals(PowerState.RUNNING, timer.step("ensureRunningAgain", () -> driver.ensureRunning(spec)));
        timer.step("bootMarker", () -> awaitMarkers(serialLog, 1));
        assertEquals(PowerState.RUNNING, driver.powerState(guestId));
        // The disk the driver made: a 1 GiB overlay of the template, whose first line the guest read through it.
        String volXml = conn.storageVolLookupByPath(layout.diskImage(guestId)).getXMLDesc(0);
        System.out.println("[real-driver] volume " + volXml);
        XmlIn vol = XmlIn.parse(volXml);
        assertEquals(images.resolve("template-disk.qcow2").toString(), vol.text("/volume/backingStore/path"));
        assertEquals("qcow2", vol.text("/volume/backingStore/format/@type"));
        assertEquals(1L << 30, vol.number("/volume/capacity"));
        assertTrue(Files.readString(serialLog).contains("INNKEEPER-GUEST-DISK INNKEEPER-BASE-DISK template sectors="
                + (1L << 30) / 512), () -> "guest did not read the template through its disk; serial log:\n"
                        + tail(serialLog));
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

        // An offline move copies the disk through libvirt streams (download here, upload there) byte for byte: a
        // second node's image dir on the same libvirtd stands in for another host.
        Path otherImages = Files.createDirectories(work.resolve("images-other-node"));
        // Every node keeps the templates.
        Files.copy(images.resolve("template-disk.qcow2"), otherImages.resolve("template-disk.qcow2"));
        NodeLayout otherLayout = new NodeLayout(otherImages.toString(), work.resolve("containers").toString(),
                work.toString(), layout.network(), "/usr/lib/xen-4.17/bin/pygrub", "/usr/lib/xen-4.17/boot/hvmloader");
        LibvirtDriver otherNode = new LibvirtDriver(URI, node.connections, new KvmDomainXml("qemu", otherLayout));
        timer.step("diskCopy", () -> {
            try (io.innkeeper.provisioning.driver.DiskReader disk = driver.readDisk(guestId).orElseThrow()) {
                otherNode.writeDisk(spec, disk);
            }
        });
        Path copied = Paths.get(otherLayout.diskImage(guestId));
        assertEquals(sha256(Paths.get(layout.diskImage(guestId))), sha256(copied), "the copy is byte for byte");
        XmlIn copiedVol = XmlIn.parse(conn.storageVolLookupByPath(copied.toString()).getXMLDesc(0));
        assertEquals(images.resolve("template-disk.qcow2").toString(), copiedVol.text("/volume/backingStore/path"),
                "the copy is the same overlay of the same template");
        System.out.println("[real-driver] disk copied: " + Files.size(copied) + " bytes");
        LibvirtVolumes.delete(conn, otherLayout, guestId);
        assertFalse(Files.exists(copied));

        // A bigger plan while the guest is off grows the volume; the guest sees it at its next boot.
        timer.step("growOff", () -> driver.setResources(withDisk(spec, 2)));
        assertEquals(2L << 30, conn.storageVolLookupByPath(layout.diskImage(guestId)).getInfo().capacity);

        assertEquals(PowerState.RUNNING, timer.step("start", () -> driver.start(guestId)));
        timer.step("startMarker", () -> awaitMarkers(serialLog, 2));
        assertTrue(Files.readString(serialLog).contains("sectors=" + (2L << 30) / 512),
                () -> "guest did not see its grown disk; serial log:\n" + tail(serialLog));

        // And while it runs, through QEMU, which holds the image open.
        timer.step("growLive", () -> driver.setResources(withDisk(spec, 3)));
        assertEquals(3L << 30, conn.domainLookupByUUID(guestId).blockInfo("vda").getCapacity());

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
        assertFalse(Files.exists(Paths.get(layout.diskImage(guestId))), "the guest's disk is deleted with it");
        assertTrue(Files.exists(images.resolve("template-disk.qcow2")), "the template stays");
    }

    /**
     * What one disk volume create costs on real libvirt (qemu-img under libvirtd), printed, not asserted; and a
     * template missing from the node fails for good, naming the image.
     */
    private void timeVolumeCreates(NodeLayout layout) {
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            GuestSpec throwaway = new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "volume-timing", 1, 256, 1,
                    "template-disk.qcow2");
            long t0 = System.nanoTime();
            node.connections.with(URI, c -> {
                LibvirtVolumes.ensure(c, layout, throwaway);
                return null;
            });
            nanos[i] = System.nanoTime() - t0;
            assertTrue(Files.exists(Paths.get(layout.diskImage(throwaway.id()))));
            node.connections.with(URI, c -> {
                LibvirtVolumes.delete(c, layout, throwaway.id());
                return null;
            });
        }
        GuestSpec untemplated = new GuestSpec(UUID.randomUUID(), UUID.randomUUID(), "no-template", 1, 256, 1,
                "not-on-this-node.qcow2");
        DriverException.Unsupported missing = assertThrows(DriverException.Unsupported.class,
                () -> node.connections.with(URI, c -> {
                    LibvirtVolumes.ensure(c, layout, untemplated);
                    return null;
                }));
        assertTrue(missing.getMessage().contains("not-on-this-node.qcow2"), missing::getMessage);
        assertFalse(Files.exists(Paths.get(layout.diskImage(untemplated.id()))));
        String each = Arrays.stream(nanos).mapToObj(n -> String.format("%.1f", n / 1e6)).toList().toString();
        Arrays.sort(nanos);
        System.out.printf("[real-driver] volume create (the first defines and starts the pool): %s ms, p50 %.1f ms%n",
                each, nanos[nanos.length / 2] / 1e6);
    }

    private static GuestSpec withDisk(GuestSpec spec, int diskGib) {
        return new GuestSpec(spec.id(), spec.ownerRef(), spec.hostname(), spec.vcpus(), spec.memoryMib(), diskGib,
                spec.image(), spec.limits(), spec.boot(), spec.virtMode(), spec.seedUrl());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
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
        Path work = node.work;
        NodeLayout layout = new NodeLayout(work.toString(), work.resolve("containers").toString(), work.toString(),
                new NetworkAttachment.Network(node.network(timer).name), "/usr/lib/xen-4.17/bin/pygrub",
                "/usr/lib/xen-4.17/boot/hvmloader");
        LibvirtDriver lxc = new LibvirtDriver("lxc:///system", node.connections, new LxcDomainXml(layout));
        String suffix = node.suffix;
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
