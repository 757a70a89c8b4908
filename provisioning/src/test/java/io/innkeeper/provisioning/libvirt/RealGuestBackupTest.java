package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;
import static io.innkeeper.provisioning.libvirt.GuestConsole.tail;
import static io.innkeeper.provisioning.libvirt.GuestConsole.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DiskCopy;
import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ShutdownOutcome;

/**
 * Backups of a real QEMU guest (TCG) through the panel's {@link LibvirtDriver#copyDisk} and
 * {@link LibvirtBackupStore}, the backup target a directory pool on the same qemu:///system: the guest writes
 * random data to its disk and hashes it from inside; a copy taken while it runs (libvirt's push-mode backup) is
 * stored, and the node's copy volume is gone once read; the guest overwrites the data and stops, and a copy of the
 * stopped guest (a flattened clone of its volume) is stored too. Each is restored in place with
 * {@link LibvirtDriver#writeDisk}, and the guest, booted again, reads the disk it had when the copy was taken. A
 * stored copy with flipped bytes is refused at the end of its read. Skipped unless INNKEEPER_REAL_GUESTS=1; the
 * setup is {@link RealGuestSmokeTest}'s:
 *
 * <pre>
 * INNKEEPER_REAL_GUESTS=1 ./mvnw -B -q test -Dtest=RealGuestBackupTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class RealGuestBackupTest {

    /**
     * 16 MiB of random data after the template's first MiB, flushed to QEMU. The guest hashes the first
     * {@value #HASHED_MIB} MiB, which hold all of it: busybox sha256sum does some 20 MB/s under TCG, so all of the
     * 1 GiB disk would take 30 s a time. The host compares whole disks instead (qemu-img compare).
     */
    static final String WRITE = "dd if=/dev/urandom of=/dev/vda bs=1M count=16 seek=1 conv=fsync";
    static final int HASHED_MIB = 20;
    static final Duration SHELL_LIMIT = Duration.ofSeconds(90);
    private static final Pattern SHA256 = Pattern.compile("\\b([0-9a-f]{64})\\b");

    private final StepTimer timer = new StepTimer("real-backup");
    private final LibvirtConnections storeConnections = new LibvirtConnections();
    private ThrowawayQemuNode node;
    /** A first node a test takes away (closes) itself; closed here if the test did not get that far. */
    private ThrowawayQemuNode firstNode;
    private Path targetDir;

    @BeforeEach
    void setUp() throws Exception {
        node = ThrowawayQemuNode.open("real-backup");
        // Not under the node's directory: the backup host's own, which the store's pool makes.
        targetDir = Paths.get("/var/lib/innkeeper-test-backups", "backups-" + node.suffix);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (node == null) {
            return;
        }
        try {
            storeConnections.closeAll();
            ThrowawayQemuNode.dropPoolsOver(node.conn, targetDir);
            if (Files.exists(targetDir)) {
                try (Stream<Path> files = Files.walk(targetDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            targetDir.getParent().toFile().delete(); // only when no other run's target is in it
        } finally {
            try {
                if (firstNode != null) {
                    firstNode.close();
                }
            } finally {
                node.close();
                timer.print();
            }
        }
    }

    @Test
    void backupsOfARunningAndAStoppedGuestRestoreItsDiskAndADamagedOneIsRefused() throws Exception {
        LibvirtDriver driver = node.qemu(timer);
        LibvirtBackupStore store = new LibvirtBackupStore();
        store.connections = storeConnections;
        BackupTarget target = new BackupTarget(ThrowawayQemuNode.URI, targetDir.toString());
        assertFalse(Files.exists(targetDir), "the store makes the target directory");

        UUID guestId = node.newGuest();
        GuestSpec spec = node.kernelGuest(guestId, "initramfs.cpio.gz", "console=ttyS0");
        Path serialLog = node.serialLog(guestId);
        Path disk = Paths.get(node.layout().diskImage(guestId));
        Path nodeCopy = node.images().resolve(LibvirtDiskCopies.copyName(guestId));
        assertEquals(PowerState.RUNNING, timer.step("ensureRunning", () -> driver.ensureRunning(spec)));
        timer.step("boot", () -> awaitMarkers(serialLog, 1));

        String liveName = "backup-live-" + node.suffix + ".qcow2";
        String liveHash;
        String changedHash;
        BackupStore.Stored live;
        try (GuestShell shell = timer.step("console", () -> GuestShell.open(driver, guestId))) {
            timer.step("writeA", () -> shell.run(WRITE));
            liveHash = timer.step("hashA", shell::diskHash);

            // A copy while the guest runs, stored on the target; the node's copy goes when its reader is closed.
            long start = System.nanoTime();
            DiskCopy copy = timer.step("copyDiskLive", () -> driver.copyDisk(guestId, () -> true)).orElseThrow();
            assertTrue(copy.live(), "the guest was running");
            assertTrue(Files.exists(nodeCopy), "the copy is on the node while it is read: " + nodeCopy);
            try (DiskReader reader = copy.reader()) {
                live = timer.step("storeWriteLive", () -> store.write(target, liveName, reader));
            }
            throughput("live copy + write", live.bytes(), System.nanoTime() - start);
            assertFalse(Files.exists(nodeCopy), "closing the reader removed the node's copy " + nodeCopy);
            assertStored(target, liveName, live);
            assertEquals(PowerState.RUNNING, driver.powerState(guestId), "the guest ran on through its backup");
            // All of the disk as the guest sees it (1 GiB, the template beneath) is in the copy; the guest is idle.
            sameContent(targetDir.resolve(liveName), disk);

            // Other data where the first was: the disk's hash moves.
            timer.step("writeB", () -> shell.run(WRITE));
            changedHash = timer.step("hashB", shell::diskHash);
            assertNotEquals(liveHash, changedHash, "the guest overwrote the data it had backed up");
        }
        shutdown(driver, guestId, serialLog, "shutdown");

        // A copy of the stopped guest: a clone of its volume, no template beneath it, the disk as the guest left it.
        String stoppedName = "backup-stopped-" + node.suffix + ".qcow2";
        long start = System.nanoTime();
        DiskCopy stoppedCopy = timer.step("copyDiskStopped", () -> driver.copyDisk(guestId, () -> true))
                .orElseThrow();
        assertFalse(stoppedCopy.live(), "the guest was stopped");
        assertTrue(Files.exists(nodeCopy), "the copy is on the node while it is read: " + nodeCopy);
        BackupStore.Stored stopped;
        try (DiskReader reader = stoppedCopy.reader()) {
            stopped = timer.step("storeWriteStopped", () -> store.write(target, stoppedName, reader));
        }
        throughput("stopped copy + write", stopped.bytes(), System.nanoTime() - start);
        assertFalse(Files.exists(nodeCopy), "closing the reader removed the node's copy " + nodeCopy);
        assertStored(target, stoppedName, stopped);
        sameContent(targetDir.resolve(stoppedName), disk);

        // The running guest's copy restored in place: the guest, booted on it, reads the disk it had then.
        restore(driver, spec, store, target, liveName, live, "restoreLive");
        assertEquals(PowerState.RUNNING, timer.step("startLive", () -> driver.start(guestId)));
        timer.step("bootLive", () -> awaitMarkers(serialLog, 2));
        try (GuestShell shell = GuestShell.open(driver, guestId)) {
            assertEquals(liveHash, timer.step("hashRestoredLive", shell::diskHash),
                    "the restored disk is the one the running guest had when its copy was taken");
        }
        shutdown(driver, guestId, serialLog, "shutdown2");

        // And the stopped guest's copy: the data that overwrote the first.
        restore(driver, spec, store, target, stoppedName, stopped, "restoreStopped");
        assertEquals(PowerState.RUNNING, timer.step("startStopped", () -> driver.start(guestId)));
        timer.step("bootStopped", () -> awaitMarkers(serialLog, 3));
        try (GuestShell shell = GuestShell.open(driver, guestId)) {
            assertEquals(changedHash, timer.step("hashRestoredStopped", shell::diskHash),
                    "the restored disk is the one the guest left when it stopped");
        }
        timer.step("remove", () -> driver.remove(guestId));

        // Flipped bytes in a stored copy (a plain file in the target dir): read to its end, the last read refuses it.
        Path damagedFile = targetDir.resolve(liveName);
        try (RandomAccessFile file = new RandomAccessFile(damagedFile.toFile(), "rw")) {
            long at = file.length() / 2;
            byte[] bytes = new byte[16];
            file.seek(at);
            file.readFully(bytes);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] ^= (byte) 0xA5;
            }
            file.seek(at);
            file.write(bytes);
        }
        assertNotEquals(live.sha256(), sha256(damagedFile), "the stored file was changed");
        long[] read = { 0 };
        DriverException.Unsupported refused = assertThrows(DriverException.Unsupported.class, () -> {
            try (DiskReader reader = store.read(target, liveName, live.sha256())) {
                byte[] buffer = new byte[1 << 18];
                for (int n; (n = reader.read(buffer)) >= 0;) {
                    read[0] += n;
                }
            }
        });
        assertTrue(refused.getMessage().contains("damaged"), refused::getMessage);
        assertEquals(live.bytes(), read[0], "every byte was read before the copy was refused");
        System.out.println("[real-backup] refused: " + refused.getMessage());

        store.delete(target, liveName);
        store.delete(target, liveName);
        assertFalse(Files.exists(damagedFile), "deleted from the target");
        assertTrue(Files.exists(targetDir.resolve(stoppedName)), "the other backup stays");
    }

    /**
     * Issue #20: a guest's backup outlives its node. Guest A on a first node is backed up while it runs; the node is
     * taken away (A removed, its image directory with the template and A's disk deleted, the pool over it dropped);
     * a new guest B on another node (its own image directory on the same libvirtd) is restored from the stored copy
     * and reads the disk A had.
     */
    @Test
    void aBackupRestoresToANewGuestOnAnotherNodeOnceItsNodeIsGone() throws Exception {
        firstNode = ThrowawayQemuNode.open("real-backup-gone");
        LibvirtDriver driverA = firstNode.qemu(timer);
        LibvirtBackupStore store = new LibvirtBackupStore();
        store.connections = storeConnections;
        BackupTarget target = new BackupTarget(ThrowawayQemuNode.URI, targetDir.toString());
        String name = "backup-moved-" + node.suffix + ".qcow2";

        UUID a = firstNode.newGuest();
        GuestSpec specA = firstNode.kernelGuest(a, "initramfs.cpio.gz", "console=ttyS0");
        assertEquals(PowerState.RUNNING, timer.step("ensureRunningA", () -> driverA.ensureRunning(specA)));
        timer.step("bootA", () -> awaitMarkers(firstNode.serialLog(a), 1));
        String hash;
        BackupStore.Stored stored;
        try (GuestShell shell = timer.step("consoleA", () -> GuestShell.open(driverA, a))) {
            timer.step("writeA", () -> shell.run(WRITE));
            hash = timer.step("hashA", shell::diskHash);
            DiskCopy copy = timer.step("copyDiskA", () -> driverA.copyDisk(a, () -> true)).orElseThrow();
            assertTrue(copy.live(), "the guest was running");
            try (DiskReader reader = copy.reader()) {
                stored = timer.step("storeWriteA", () -> store.write(target, name, reader));
            }
        }
        assertStored(target, name, stored);

        // The first node taken away: nothing of A's disk or of the template it was an overlay of is left there.
        Path imagesA = firstNode.images();
        timer.step("removeA", () -> driverA.remove(a));
        timer.step("nodeAway", firstNode::close);
        firstNode = null;
        assertFalse(Files.exists(imagesA), "the first node's image directory is gone: " + imagesA);
        assertThrows(LibvirtException.class, () -> node.conn.domainLookupByUUID(a), "guest A is gone");
        for (String[] pools : new String[][] { node.conn.listStoragePools(), node.conn.listDefinedStoragePools() }) {
            for (String pool : pools) {
                assertFalse(poolOver(pool, imagesA), "a pool over the gone images: " + pool);
            }
        }

        // A new guest on the other node, its disk written from the stored copy (compared whole by restore()).
        LibvirtDriver driverB = node.qemu(timer);
        UUID b = node.newGuest();
        GuestSpec specB = node.kernelGuest(b, "initramfs.cpio.gz", "console=ttyS0");
        assertNotEquals(imagesA, node.images(), "another node's image directory");
        restore(driverB, specB, store, target, name, stored, "restoreB");
        assertEquals(PowerState.RUNNING, timer.step("ensureRunningB", () -> driverB.ensureRunning(specB)));
        timer.step("bootB", () -> awaitMarkers(node.serialLog(b), 1));
        try (GuestShell shell = timer.step("consoleB", () -> GuestShell.open(driverB, b))) {
            assertEquals(hash, timer.step("hashB", shell::diskHash), "B reads the disk A had when it was backed up");
        }
        timer.step("removeB", () -> driverB.remove(b));
        assertFalse(Files.exists(Paths.get(node.layout().diskImage(b))), "B's disk is gone");
    }

    /** Whether the named pool's target is {@code dir}; a pool another run dropped meanwhile is not. */
    private boolean poolOver(String pool, Path dir) {
        try {
            StoragePool found = node.conn.storagePoolLookupByName(pool);
            try {
                return dir.toString().equals(XmlIn.parse(found.getXMLDesc(0)).text("/pool/target/path"));
            } finally {
                found.free();
            }
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** A stored copy written over the guest's disk, as the restore job does; the guest is off. */
    private void restore(LibvirtDriver driver, GuestSpec spec, BackupStore store, BackupTarget target, String name,
            BackupStore.Stored stored, String step) throws Exception {
        long start = System.nanoTime();
        timer.step(step, () -> {
            try (DiskReader reader = store.read(target, name, stored.sha256())) {
                driver.writeDisk(spec, reader);
            }
        });
        throughput(step + " read + write", stored.bytes(), System.nanoTime() - start);
        Path disk = Paths.get(node.layout().diskImage(spec.id()));
        System.out.printf("[real-backup] %s: the guest's volume file is %d bytes, the copy %d%n", step,
                Files.size(disk), stored.bytes());
        sameContent(Paths.get(target.dir()).resolve(name), disk);
    }

    private void shutdown(LibvirtDriver driver, UUID guestId, Path serialLog, String step) throws Exception {
        assertEquals(ShutdownOutcome.CLEAN, timer.step(step, () -> driver.shutdown(guestId, Duration.ofSeconds(60))),
                () -> "guest ignored ACPI shutdown; serial log:\n" + tail(serialLog));
    }

    /** The stored file on the target: the length and SHA-256 the store reported, a qcow2 of its own of 1 GiB. */
    private static void assertStored(BackupTarget target, String name, BackupStore.Stored stored) throws Exception {
        Path file = Paths.get(target.dir()).resolve(name);
        assertTrue(stored.bytes() > 0, () -> "bytes of " + stored);
        assertTrue(stored.sha256().matches("[0-9a-f]{64}"), () -> "sha256 of " + stored);
        assertEquals(Files.size(file), stored.bytes(), "length of " + file);
        assertEquals(sha256(file), stored.sha256(), "SHA-256 of " + file);
        String info = run(Duration.ofSeconds(30), "qemu-img", "info", "--output=json", "-U", file.toString());
        assertTrue(info.contains("\"format\": \"qcow2\"") && !info.contains("backing-filename"),
                () -> "a qcow2 with no backing file: " + info);
        assertTrue(info.contains("\"virtual-size\": " + (1L << 30) + ","), () -> "the guest's 1 GiB disk: " + info);
    }

    /** The two images give a guest the same disk, all of it: qemu-img compare exits 0 only then. */
    private static void sameContent(Path copy, Path disk) throws Exception {
        run(Duration.ofSeconds(60), "qemu-img", "compare", "-U", "-q", copy.toString(), disk.toString());
    }

    /** Printed for the record, not asserted. */
    private static void throughput(String what, long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        System.out.printf("[real-backup] %s: %d bytes in %.0f ms, %.1f MB/s%n", what, bytes, seconds * 1e3,
                bytes / 1e6 / seconds);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The guest's root shell on its serial console (the test initramfs's inittab keeps one there): a command goes
     * in with a numbered end marker after it, and what the console showed up to the marker comes back. The marker
     * is typed with quotes inside it, so the console's echo of the typed line never matches it.
     */
    static final class GuestShell implements AutoCloseable {

        private final StringBuffer screen = new StringBuffer();
        private final ConsoleStream console;
        private int commands;

        private GuestShell(LibvirtDriver driver, UUID guestId) {
            console = driver.openConsole(guestId, new ConsoleSink() {
                @Override
                public void output(byte[] bytes) {
                    screen.append(new String(bytes, StandardCharsets.ISO_8859_1));
                }

                @Override
                public void ended(String reason) {
                    screen.append("\n[ended: ").append(reason).append("]\n");
                }
            });
        }

        /** Opens the console and waits until the shell answers (it starts once the guest's rcS is done). */
        static GuestShell open(LibvirtDriver driver, UUID guestId) {
            GuestShell shell = new GuestShell(driver, guestId);
            long deadline = System.nanoTime() + SHELL_LIMIT.toNanos();
            while (true) {
                int from = shell.screen.length();
                shell.console.send("echo IK-RE''ADY\r".getBytes(StandardCharsets.US_ASCII));
                try {
                    waitFor("the guest's shell", Duration.ofSeconds(3),
                            () -> shell.screen.indexOf("IK-READY", from) >= 0);
                    return shell;
                } catch (AssertionError e) {
                    if (System.nanoTime() > deadline) {
                        shell.close();
                        throw new AssertionError("no shell on the guest's console:\n" + shell.screen, e);
                    }
                }
            }
        }

        /** Runs the command, which must exit 0, and returns what the console showed until it ended. */
        String run(String command) {
            int n = ++commands;
            int from = screen.length();
            String done = "IK-DONE-" + n + "-";
            console.send((command + "; echo IK-DO''NE-" + n + "-$?\r").getBytes(StandardCharsets.US_ASCII));
            waitFor("'" + command + "' in the guest", SHELL_LIMIT, () -> screen.indexOf(done, from) >= 0);
            String out = screen.substring(from);
            int end = out.indexOf(done);
            Matcher status = Pattern.compile("\\d+").matcher(out.substring(end + done.length()));
            assertTrue(status.lookingAt() && status.group().equals("0"),
                    () -> "'" + command + "' failed in the guest:\n" + out);
            return out.substring(0, end);
        }

        /** The SHA-256 of the first {@value #HASHED_MIB} MiB of the guest's disk, as the guest reads them. */
        String diskHash() {
            String out = run("dd if=/dev/vda bs=1M count=" + HASHED_MIB + " 2>/dev/null | sha256sum");
            Matcher m = SHA256.matcher(out);
            assertTrue(m.find(), () -> "no SHA-256 in:\n" + out);
            return m.group(1);
        }

        @Override
        public void close() {
            console.close();
        }
    }
}
