package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.libvirt.Connect;
import org.libvirt.Domain;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * The panel's driver against raw libvirt on a real QEMU guest (TCG): the same domain, defined and started, then
 * destroyed and undefined, N times each way. "Raw" hands libvirt the XML the panel wrote and calls the bindings
 * directly on a disk made by hand with qemu-img before the clock starts; "panel" goes through {@link LibvirtDriver}
 * (lookup by UUID, disk volume made as an overlay of the template disk, XML writing, pooled connection), and its
 * removal deletes that volume. Boot time
 * to the guest's init marker is printed for both, because it dwarfs either. A benchmark: it prints figures and
 * asserts nothing about speed. Run with {@code bin/bench real-guest}.
 */
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "real-guest")
class RealGuestBenchmark {

    private static final int ROUNDS = Integer.getInteger("innkeeper.bench.rounds", 5);
    private static final String URI = "qemu:///system";

    @Test
    void panelDriverAgainstRawLibvirt() throws Exception {
        Path guest = guestDir();
        Path work = Files.createTempDirectory("innkeeper-bench-");
        Connect conn = new Connect(URI);
        String suffix = Long.toHexString(System.nanoTime() & 0xffffff);
        long[][] raw = new long[3][ROUNDS];
        long[][] panel = new long[3][ROUNDS];
        Files.copy(guest.resolve("disk.qcow2"), work.resolve("template-disk.qcow2"));
        try (ThrowawayNetwork network = ThrowawayNetwork.create(conn, "bench", suffix)) {
            NodeLayout layout = new NodeLayout(work.toString(), work.resolve("containers").toString(),
                    work.toString(), new NetworkAttachment.Network(network.name), "/usr/lib/xen-4.17/bin/pygrub",
                    "/usr/lib/xen-4.17/boot/hvmloader");
            KvmDomainXml dialect = new KvmDomainXml("qemu", layout);
            LibvirtConnections connections = new LibvirtConnections();
            LibvirtDriver driver = new LibvirtDriver(URI, connections, dialect);
            for (int i = 0; i < ROUNDS; i++) {
                GuestSpec spec = spec(guest);
                run(Duration.ofSeconds(30), "qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                        work.resolve("template-disk.qcow2").toString(), layout.diskImage(spec.id()), "1G");
                long t0 = System.nanoTime();
                Domain dom = conn.domainDefineXML(dialect.write(spec));
                dom.create();
                raw[0][i] = System.nanoTime() - t0;
                awaitMarkers(Paths.get(layout.consoleLog(spec.id())), 1);
                raw[1][i] = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                dom.destroy();
                dom.undefine();
                raw[2][i] = System.nanoTime() - t1;
                dom.free();

                GuestSpec other = spec(guest);
                long t2 = System.nanoTime();
                driver.ensureRunning(other);
                panel[0][i] = System.nanoTime() - t2;
                awaitMarkers(Paths.get(layout.consoleLog(other.id())), 1);
                panel[1][i] = System.nanoTime() - t2;
                long t3 = System.nanoTime();
                driver.remove(other.id());
                panel[2][i] = System.nanoTime() - t3;
            }
            connections.closeAll();
        } finally {
            ThrowawayQemuNode.dropPoolsOver(conn, work);
            conn.close();
        }
        System.out.printf("%nREAL QEMU GUEST BENCHMARK: %d rounds each, TCG, direct kernel boot; the panel's define"
                + " includes making the disk volume, its undefine deleting it%n", ROUNDS);
        row("define + start (until libvirt says running)", raw[0], panel[0]);
        row("define + start + boot to init marker", raw[1], panel[1]);
        row("destroy + undefine", raw[2], panel[2]);
        System.out.println();
    }

    private static GuestSpec spec(Path guest) {
        UUID id = UUID.randomUUID();
        return new GuestSpec(id, UUID.randomUUID(), "bench-" + id.toString().substring(0, 8), 1, 256, 1,
                "template-disk.qcow2")
                .withBoot(new GuestSpec.Boot.Kernel(guest.resolve("vmlinuz").toString(),
                        guest.resolve("initramfs.cpio.gz").toString(), "console=ttyS0", true));
    }

    private static void row(String what, long[] raw, long[] panel) {
        System.out.printf("  %-46s raw p50 %8.1f ms max %8.1f ms | panel p50 %8.1f ms max %8.1f ms | "
                + "panel - raw (p50) %+7.1f ms%n", what, p50(raw), max(raw), p50(panel), max(panel),
                p50(panel) - p50(raw));
    }

    private static double p50(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2] / 1e6;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }
}
