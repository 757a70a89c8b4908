package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.BOOT_LIMIT;
import static io.innkeeper.provisioning.libvirt.GuestConsole.MARKER;
import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.read;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static io.innkeeper.provisioning.libvirt.GuestConsole.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo.DomainState;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.MemoryStatistic;
import org.libvirt.TypedParameter;

/**
 * Boots real guests through libvirt's Java bindings: a QEMU guest under TCG emulation on qemu:///system and a
 * container on lxc:///system. Skipped unless INNKEEPER_REAL_GUESTS=1. Needs a running libvirtd and the images of
 * bin/build-guest-image:
 *
 * <pre>
 * . bin/lib.sh; ik_find_jdk; ik_ensure_libvirtd; bin/build-guest-image
 * INNKEEPER_REAL_GUESTS=1 ./mvnw -B -q test -Dtest=RealGuestSmokeTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The guests print {@value GuestConsole#MARKER} once per boot (provisioning/src/test/resources/guest). Every step is
 * timed and the timings are printed to stdout.
 */
class RealGuestSmokeTest {

    static final String QEMU_URI = "qemu:///system";
    static final String LXC_URI = "lxc:///system";
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(60);
    /** VIR_DOMAIN_MEMORY_STAT_UNUSED: reported only by the guest's virtio balloon driver. */
    static final int MEMORY_STAT_UNUSED = 4;

    private static Path guestDir;
    private static final Map<String, Connect> connections = new HashMap<>();

    /** Domains this test defined, as uri -> names, destroyed and undefined after each test whatever happened. */
    private final Map<String, List<String>> defined = new LinkedHashMap<>();
    private StepTimer timer;
    private Path work;

    static boolean enabled() {
        return "1".equals(System.getenv("INNKEEPER_REAL_GUESTS"));
    }

    @BeforeAll
    static void requireGuestImage() {
        if (!enabled()) {
            return; // each test is skipped in makeWorkDir, so reports count them as skipped
        }
        guestDir = guestDir();
        for (String f : List.of("vmlinuz", "initramfs.cpio.gz", "lxc-rootfs/sbin/init")) {
            assertTrue(Files.exists(guestDir.resolve(f)),
                    () -> "missing " + guestDir.resolve(f) + "; run bin/build-guest-image first");
        }
    }

    @AfterAll
    static void closeConnections() {
        for (Connect c : connections.values()) {
            try {
                c.close();
            } catch (LibvirtException e) {
                System.out.println("[real-guest] closing a connection failed: " + e.getMessage());
            }
        }
        connections.clear();
    }

    @BeforeEach
    void makeWorkDir(TestInfo info) throws IOException {
        assumeTrue(enabled(),
                "real guests are off; set INNKEEPER_REAL_GUESTS=1 (after ik_ensure_libvirtd and bin/build-guest-image)");
        timer = new StepTimer("real-guest " + info.getTestMethod().map(m -> m.getName()).orElse("test"));
        work = Files.createTempDirectory("innkeeper-real-guest-");
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (work == null) {
            return; // skipped
        }
        for (Map.Entry<String, List<String>> e : defined.entrySet()) {
            for (String name : e.getValue()) {
                removeQuietly(e.getKey(), name);
            }
        }
        defined.clear();
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        timer.print();
    }

    @Test
    void qemuGuestBootsRebootsShutsDownAndSnapshots() throws Exception {
        Connect conn = connect(QEMU_URI);
        String name = domainName("qemu");
        Path serialLog = work.resolve("serial.log");
        Path disk = work.resolve("data.qcow2");
        run(Duration.ofSeconds(30), "qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M");

        String xml = qemuDomainXml(name, guestDir.resolve("vmlinuz"), guestDir.resolve("initramfs.cpio.gz"),
                serialLog, disk);
        Domain dom = timer.step("define", () -> define(conn, QEMU_URI, xml));
        timer.step("start", () -> dom.create());
        assertEquals(DomainState.VIR_DOMAIN_RUNNING, dom.getInfo().state);
        timer.step("marker", () -> awaitMarkers(serialLog, 1));

        long cpu0 = dom.getInfo().cpuTime;
        timer.step("cpuTimeGrows", () -> waitFor("cpu time to grow past " + cpu0 + " ns", Duration.ofSeconds(30),
                () -> info(dom).cpuTime > cpu0));
        // The balloon driver in the guest reports memory statistics every 2 s (<stats period='2'/>).
        timer.step("balloonStats", () -> waitFor("balloon statistics with 'unused' memory", Duration.ofSeconds(30),
                () -> Arrays.stream(memoryStats(dom)).anyMatch(s -> s.getTag() == MEMORY_STAT_UNUSED)));
        System.out.println("[real-guest] qemu cpuTime=" + info(dom).cpuTime + "ns memoryStats(tag=KiB)="
                + Arrays.stream(memoryStats(dom)).map(m -> m.getTag() + "=" + m.getValue()).toList());

        // libvirt presses the ACPI power button and resets the guest when it powers off.
        timer.step("reboot", () -> {
            dom.reboot(0);
            awaitMarkers(serialLog, 2);
        });

        boolean graceful = timer.step("shutdown", () -> {
            dom.shutdown();
            try {
                waitFor("the guest to power off after the ACPI power button", SHUTDOWN_LIMIT,
                        () -> state(dom) == DomainState.VIR_DOMAIN_SHUTOFF);
                return true;
            } catch (AssertionError e) {
                System.out.println("[real-guest] guest ignored ACPI shutdown for " + SHUTDOWN_LIMIT.toSeconds()
                        + " s; destroying it. " + e.getMessage());
                dom.destroy();
                return false;
            }
        });
        assertTrue(graceful, "guest did not power off on ACPI shutdown (fell back to destroy); serial log:\n"
                + tail(serialLog));

        timer.step("restart", () -> dom.create());
        timer.step("restartMarker", () -> awaitMarkers(serialLog, 3));

        // Internal snapshot (memory and disk state inside data.qcow2): possible because the only disk is qcow2;
        // the kernel and initramfs are not disks.
        String snapName = "smoke-" + suffix();
        timer.step("snapshotCreate", () -> dom.snapshotCreateXML(
                "<domainsnapshot><name>" + snapName + "</name><description>smoke test</description></domainsnapshot>",
                0));
        String[] snapshots = timer.step("snapshotList", () -> dom.snapshotListNames());
        assertEquals(List.of(snapName), List.of(snapshots));
        assertEquals(DomainState.VIR_DOMAIN_RUNNING, state(dom), "guest runs on after an internal snapshot");
        timer.step("snapshotDelete", () -> {
            DomainSnapshot snap = dom.snapshotLookupByName(snapName);
            snap.delete(0);
            snap.free();
        });
        assertEquals(0, dom.snapshotNum());

        timer.step("destroy", () -> dom.destroy());
        assertEquals(DomainState.VIR_DOMAIN_SHUTOFF, state(dom));
        timer.step("undefine", () -> undefine(QEMU_URI, dom));
    }

    @Test
    void lxcContainerStartsAndStops() throws Exception {
        Connect conn = connect(LXC_URI);
        String name = domainName("lxc");
        Path share = Files.createDirectories(work.resolve("share"));
        Path marker = share.resolve("marker");
        String xml = lxcDomainXml(name, guestDir.resolve("lxc-rootfs"), share);

        Domain dom = timer.step("define", () -> define(conn, LXC_URI, xml));
        timer.step("start", () -> dom.create());
        assertEquals(DomainState.VIR_DOMAIN_RUNNING, state(dom));
        assertEquals(1, dom.isActive());
        timer.step("marker", () -> waitFor(MARKER + " in " + marker, Duration.ofSeconds(30),
                () -> read(marker).contains(MARKER)));
        String line = read(marker).strip();
        assertTrue(line.contains("pid=1"), "the container's init runs as pid 1: " + line);
        TypedParameter[] cpu = dom.getCPUStats(-1, 1);
        System.out.println("[real-guest] lxc marker: " + line + "; cpu stats: " + Arrays.stream(cpu)
                .map(p -> p.field + "=" + p.getValueAsString()).toList() + "; " + info(dom).memory + " KiB used");

        timer.step("destroy", () -> dom.destroy());
        assertEquals(DomainState.VIR_DOMAIN_SHUTOFF, state(dom));
        timer.step("undefine", () -> undefine(LXC_URI, dom));
    }

    /** The QEMU guest: TCG ('qemu', not 'kvm'), direct kernel boot, serial console logged to a file. */
    static String qemuDomainXml(String name, Path kernel, Path initrd, Path serialLog, Path disk) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <currentMemory unit='MiB'>256</currentMemory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0</cmdline>
                  </os>
                  <features><acpi/></features>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='pty'>
                      <log file='%s' append='on'/>
                      <target port='0'/>
                    </serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='virtio'><stats period='2'/></memballoon>
                  </devices>
                </domain>
                """.formatted(name, kernel, initrd, disk, serialLog);
    }

    /** The LXC container: busybox root (read-only, shared by all runs) and a per-run directory at /innkeeper. */
    static String lxcDomainXml(String name, Path rootfs, Path share) {
        return """
                <domain type='lxc'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type>exe</type>
                    <init>/sbin/init</init>
                  </os>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <filesystem type='mount' accessmode='passthrough'>
                      <source dir='%s'/>
                      <target dir='/'/>
                      <readonly/>
                    </filesystem>
                    <filesystem type='mount' accessmode='passthrough'>
                      <source dir='%s'/>
                      <target dir='/innkeeper'/>
                    </filesystem>
                    <console type='pty'/>
                  </devices>
                </domain>
                """.formatted(name, rootfs, share);
    }

    // --- helpers --------------------------------------------------------------------------------------------


    private Domain define(Connect conn, String uri, String xml) throws LibvirtException {
        Domain dom = conn.domainDefineXML(xml);
        defined.computeIfAbsent(uri, u -> new ArrayList<>()).add(dom.getName());
        return dom;
    }

    private void undefine(String uri, Domain dom) throws LibvirtException {
        String name = dom.getName();
        undefineWithSnapshots(uri, dom);
        defined.getOrDefault(uri, new ArrayList<>()).remove(name);
    }

    /** The LXC driver rejects every undefine flag (it has no snapshots); QEMU needs this one if snapshots remain. */
    private static void undefineWithSnapshots(String uri, Domain dom) throws LibvirtException {
        if (uri.startsWith("lxc:")) {
            dom.undefine();
        } else {
            dom.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA);
        }
    }

    private static void removeQuietly(String uri, String name) {
        try {
            Domain dom = connect(uri).domainLookupByName(name);
            if (dom.isActive() == 1) {
                dom.destroy();
            }
            undefineWithSnapshots(uri, dom);
            System.out.println("[real-guest] cleaned up " + name + " on " + uri);
        } catch (LibvirtException e) {
            System.out.println("[real-guest] cleaning up " + name + " on " + uri + " failed: " + e.getMessage());
        }
    }

    private static synchronized Connect connect(String uri) throws LibvirtException {
        Connect c = connections.get(uri);
        if (c == null) {
            c = new Connect(uri);
            connections.put(uri, c);
        }
        return c;
    }

    private static String suffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
    }

    private static String domainName(String kind) {
        return "innkeeper-smoke-" + kind + "-" + suffix();
    }

    private static org.libvirt.DomainInfo info(Domain dom) {
        try {
            return dom.getInfo();
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DomainState state(Domain dom) {
        return info(dom).state;
    }

    private static MemoryStatistic[] memoryStats(Domain dom) {
        try {
            return dom.memoryStats(13);
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }
}
