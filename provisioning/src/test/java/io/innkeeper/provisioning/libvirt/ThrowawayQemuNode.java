package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.guestDir;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * A node for one real-guest test on qemu:///system: a work directory, a throwaway libvirt network, the node's image
 * directory holding the built template disk ({@code template-disk.qcow2}), and the panel's {@link LibvirtDriver}
 * with {@link KvmDomainXml} (type 'qemu', TCG). {@link #close()} removes the guests it handed out, the storage
 * pools over its directories, the network and the files, whatever the test left. Skips the test unless
 * INNKEEPER_REAL_GUESTS=1 (see {@link RealGuestSmokeTest}).
 */
final class ThrowawayQemuNode implements AutoCloseable {

    static final String URI = "qemu:///system";

    final String label;
    final String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 40);
    final Path work;
    final Connect conn;
    final LibvirtConnections connections = new LibvirtConnections();
    private final List<UUID> guests = new ArrayList<>();
    private ThrowawayNetwork network;
    private NodeLayout layout;
    private LibvirtDriver driver;

    private ThrowawayQemuNode(String label, Path work, Connect conn) {
        this.label = label;
        this.work = work;
        this.conn = conn;
    }

    /** A node named {@code label} (in directory, network and log names), or the test is skipped. */
    static ThrowawayQemuNode open(String label) throws Exception {
        assumeTrue(RealGuestSmokeTest.enabled(), "real guests are off; set INNKEEPER_REAL_GUESTS=1"
                + " (after ik_ensure_libvirtd and bin/build-guest-image)");
        return new ThrowawayQemuNode(label, Files.createTempDirectory("innkeeper-" + label + "-"), new Connect(URI));
    }

    /** The node's network, made on first use. */
    ThrowawayNetwork network(StepTimer timer) throws Exception {
        if (network == null) {
            network = timer.step("network", () -> ThrowawayNetwork.create(conn, label, suffix));
        }
        return network;
    }

    /** The node's images under {@code images/} with the template disk copied in, and the driver over them. */
    LibvirtDriver qemu(StepTimer timer) throws Exception {
        if (driver == null) {
            Path images = Files.createDirectories(images());
            layout = new NodeLayout(images.toString(), work.resolve("containers").toString(), work.toString(),
                    new NetworkAttachment.Network(network(timer).name), "/usr/lib/xen-4.17/bin/pygrub",
                    "/usr/lib/xen-4.17/boot/hvmloader");
            Path template = guestDir().resolve("disk.qcow2");
            if (!Files.exists(template)) {
                throw new IllegalStateException("missing " + template + "; run bin/build-guest-image");
            }
            Files.copy(template, images.resolve("template-disk.qcow2"));
            driver = new LibvirtDriver(URI, connections, new KvmDomainXml("qemu", layout));
        }
        return driver;
    }

    Path images() {
        return work.resolve("images");
    }

    NodeLayout layout() {
        return layout;
    }

    /** A new guest id, removed from libvirt at {@link #close()} if the test did not remove it. */
    UUID newGuest() {
        UUID id = UUID.randomUUID();
        guests.add(id);
        return id;
    }

    /**
     * Kernel parameters every test guest gets: under TCG on a loaded host the kernel's check of the IO-APIC timer
     * can miss its window and panic ("IO-APIC + timer doesn't work", seen at load average 35); cloud images pass
     * {@code no_timer_check} for the same reason.
     */
    static final String TCG_SAFE = " no_timer_check";

    /** A 1-vCPU, 256 MiB guest on the template disk, booting the built kernel and initramfs with {@code cmdline}. */
    GuestSpec kernelGuest(UUID id, String initramfs, String cmdline) {
        Path dir = guestDir();
        return new GuestSpec(id, UUID.randomUUID(), label + "-" + suffix, 1, 256, 1, "template-disk.qcow2")
                .withBoot(new GuestSpec.Boot.Kernel(dir.resolve("vmlinuz").toString(),
                        dir.resolve(initramfs).toString(), cmdline + TCG_SAFE, true));
    }

    /** Where the guest's serial console is logged on this node. */
    Path serialLog(UUID id) {
        return Paths.get(layout.consoleLog(id));
    }

    @Override
    public void close() throws Exception {
        for (UUID id : guests) {
            try {
                Domain dom = conn.domainLookupByUUID(id);
                if (dom.isActive() == 1) {
                    dom.destroy();
                }
                dom.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA | Domain.UndefineFlags.MANAGED_SAVE);
                System.out.println("[" + label + "] cleaned up domain " + id);
            } catch (LibvirtException e) {
                // normal after a passing run: the test removed it
            }
        }
        connections.closeAll();
        try (Stream<Path> dirs = Files.walk(work, 1)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dropPoolsOver(conn, dir);
            }
        }
        if (network != null) {
            network.close();
        }
        conn.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The pools the driver defined over {@code dir} (disk volumes, console logs) go with it. */
    static void dropPoolsOver(Connect conn, Path dir) throws LibvirtException {
        for (String[] names : new String[][] { conn.listStoragePools(), conn.listDefinedStoragePools() }) {
            for (String poolName : names) {
                StoragePool pool = conn.storagePoolLookupByName(poolName);
                if (dir.toString().equals(XmlIn.parse(pool.getXMLDesc(0)).text("/pool/target/path"))) {
                    if (pool.isActive() == 1) {
                        pool.destroy();
                    }
                    pool.undefine();
                    System.out.println("[real-guest] dropped pool " + poolName + " over " + dir);
                }
                pool.free();
            }
        }
    }
}
