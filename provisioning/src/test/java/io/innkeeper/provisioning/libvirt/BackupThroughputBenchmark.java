package io.innkeeper.provisioning.libvirt;

import static io.innkeeper.provisioning.libvirt.GuestConsole.awaitMarkers;
import static io.innkeeper.provisioning.libvirt.GuestConsole.run;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.driver.DiskCopy;
import io.innkeeper.provisioning.driver.DiskReader;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.ShutdownOutcome;

/**
 * Backup and restore throughput of a real QEMU guest's 1 GiB disk (TCG) through the panel's own driver and store,
 * beside copying the same bytes with {@code virsh vol-download} / {@code vol-upload} and {@code cp}. The guest's
 * disk is made on the host before it boots, as the panel would make it (a qcow2 overlay of the template, in the
 * node's image dir), but with all of its 1 GiB allocated with random data after the template's first MiB, so no
 * copy can skip zeros or holes. Measured, {@value #DEFAULT_ROUNDS} rounds each unless
 * {@code -Dinnkeeper.bench.rounds=N}:
 * <ul>
 * <li>live backup: {@link LibvirtDriver#copyDisk} on the running guest (libvirt's push-mode backup job into the
 * node's image dir) and {@link LibvirtBackupStore#write} of its reader to a target dir on the same qemu:///system,
 * the copy deleted from the node when its reader closes, as the backup job does;</li>
 * <li>stopped backup: the same of the stopped guest (a clone of its volume);</li>
 * <li>restore: {@link LibvirtBackupStore#read} of a stored copy into {@link LibvirtDriver#writeDisk};</li>
 * <li>floors: {@code virsh vol-download} of a stored copy and of the guest's volume; the guest's volume streamed to
 * a new volume on the target with no panel ({@code virsh vol-download} into a FIFO that {@code virsh vol-upload}
 * reads: the same bytes through a client as the panel's stream to the store); {@code virsh vol-upload} of the
 * stored copy into a new volume in the node's image pool; {@code cp} of the stored copy.</li>
 * </ul>
 * Everything lands on the host's page cache; {@code sync} runs (untimed, but printed as "+sync") after each step,
 * so every step starts with nothing dirty. {@code -Dinnkeeper.bench.cold=true} also drops the page cache before
 * each step, so reads come from the disk. The driver and the store each have their own connection, as a node and
 * a separate backup host would. A benchmark: it prints figures and asserts nothing about speed. Run with
 * {@code bin/bench backup}.
 */
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "backup")
class BackupThroughputBenchmark {

    static final int DEFAULT_ROUNDS = 3;
    private static final int ROUNDS = Integer.getInteger("innkeeper.bench.rounds", DEFAULT_ROUNDS);
    private static final boolean COLD = Boolean.getBoolean("innkeeper.bench.cold");
    private static final long MIB = 1L << 20;
    private static final long DISK_BYTES = 1L << 30;
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(10);

    private static final String LIVE = "panel live backup (copyDisk + store.write)";
    private static final String LIVE_JOB = "  of which the backup job (copyDisk)";
    private static final String LIVE_STREAM = "  of which the stream to the store (live)";
    private static final String STOPPED = "panel stopped backup (copyDisk + store.write)";
    private static final String STOPPED_CLONE = "  of which the clone (copyDisk)";
    private static final String STOPPED_STREAM = "  of which the stream to the store (stopped)";
    private static final String RESTORE = "panel restore (store.read + writeDisk)";
    private static final String DOWNLOAD_COPY = "virsh vol-download of the stored copy";
    private static final String DOWNLOAD_VOLUME = "virsh vol-download of the guest's volume";
    private static final String PIPE = "virsh vol-download | vol-upload, volume to target";
    private static final String UPLOAD = "virsh vol-upload of the stored copy";
    private static final String CP = "cp of the stored copy";
    private static final String SHA = "JVM SHA-256 of 1 GiB in memory (CPU only)";

    private final StepTimer timer = new StepTimer("bench-backup");
    private final Map<String, Row> rows = new LinkedHashMap<>();

    BackupThroughputBenchmark() {
        for (String what : List.of(LIVE, LIVE_JOB, LIVE_STREAM, STOPPED, STOPPED_CLONE, STOPPED_STREAM, RESTORE,
                DOWNLOAD_COPY, DOWNLOAD_VOLUME, PIPE, UPLOAD, CP, SHA)) {
            rows.put(what, new Row(what));
        }
    }

    @Test
    void backupAndRestoreAgainstVirshAndCp() throws Exception {
        ThrowawayQemuNode node = ThrowawayQemuNode.open("bench-backup");
        LibvirtConnections storeConnections = new LibvirtConnections();
        Path targetDir = Paths.get("/var/lib/innkeeper-test-backups", "bench-backup-" + node.suffix);
        try {
            LibvirtDriver driver = node.qemu(timer);
            LibvirtBackupStore store = new LibvirtBackupStore();
            store.connections = storeConnections;
            BackupTarget target = new BackupTarget(ThrowawayQemuNode.URI, targetDir.toString());
            Path scratch = Files.createDirectories(node.work.resolve("scratch"));

            UUID guestId = node.newGuest();
            GuestSpec spec = node.kernelGuest(guestId, "initramfs.cpio.gz", "console=ttyS0");
            Path disk = Paths.get(node.layout().diskImage(guestId));
            timer.step("prepareDisk", () -> prepareDisk(node.images(), disk));
            timer.step("ensureRunning", () -> driver.ensureRunning(spec));
            timer.step("boot", () -> awaitMarkers(node.serialLog(guestId), 1));
            String imagePool = poolOver(node.conn, node.images());
            System.out.printf("[bench-backup] guest volume %s: %s%n", disk, allocation(disk));

            settle();
            String kept = null;
            BackupStore.Stored keptStored = null;
            for (int r = 1; r <= ROUNDS; r++) {
                String name = "live-" + r + ".qcow2";
                BackupStore.Stored stored = backup(LIVE, LIVE_JOB, LIVE_STREAM, r, driver, store, target, guestId,
                        name, true);
                if (kept != null) {
                    store.delete(target, kept);
                }
                kept = name;
                keptStored = stored;
            }
            String liveName = kept;
            BackupStore.Stored live = keptStored;
            // The guest is idle: the live copy is the disk as it is.
            timer.step("compareLive", () -> run(COMMAND_LIMIT, "qemu-img", "compare", "-U", "-q",
                    targetDir.resolve(liveName).toString(), disk.toString()));
            System.out.printf("[bench-backup] stored live copy: %s%n", allocation(targetDir.resolve(liveName)));

            ShutdownOutcome down = timer.step("shutdown", () -> driver.shutdown(guestId, Duration.ofSeconds(60)));
            if (down != ShutdownOutcome.CLEAN) {
                System.out.println("[bench-backup] the guest ignored ACPI shutdown (" + down + "); powering off");
                driver.powerOff(guestId);
            }
            String targetPool = poolOver(node.conn, targetDir);
            settle();
            String stoppedKept = null;
            for (int r = 1; r <= ROUNDS; r++) {
                String name = "stopped-" + r + ".qcow2";
                backup(STOPPED, STOPPED_CLONE, STOPPED_STREAM, r, driver, store, target, guestId, name, false);
                if (stoppedKept != null) {
                    store.delete(target, stoppedKept);
                }
                stoppedKept = name;

                Path out = scratch.resolve("download.qcow2");
                timed(DOWNLOAD_COPY, r, () -> {
                    run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-download", "--pool", targetPool,
                            liveName, out.toString());
                    return Files.size(out);
                });
                Files.delete(out);
                timed(DOWNLOAD_VOLUME, r, () -> {
                    run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-download", "--pool", imagePool,
                            LibvirtVolumes.volumeName(guestId), out.toString());
                    return Files.size(out);
                });
                Files.delete(out);
                // The stream of a backup without the panel: the guest's volume through a client (two virsh, a FIFO
                // between them) into a new volume on the target.
                String piped = "piped-" + node.suffix + ".qcow2";
                run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-create-as", targetPool, piped, "0",
                        "--format", "raw");
                Path fifo = scratch.resolve("fifo");
                run(COMMAND_LIMIT, "mkfifo", fifo.toString());
                timed(PIPE, r, () -> {
                    Process download = quiet("virsh", "-c", ThrowawayQemuNode.URI, "vol-download", "--pool",
                            imagePool, LibvirtVolumes.volumeName(guestId), fifo.toString());
                    Process upload = quiet("virsh", "-c", ThrowawayQemuNode.URI, "vol-upload", "--pool", targetPool,
                            piped, fifo.toString());
                    long limit = COMMAND_LIMIT.toSeconds();
                    if (!download.waitFor(limit, TimeUnit.SECONDS) || !upload.waitFor(limit, TimeUnit.SECONDS)
                            || download.exitValue() != 0 || upload.exitValue() != 0) {
                        download.destroyForcibly();
                        upload.destroyForcibly();
                        throw new IllegalStateException("virsh vol-download | vol-upload failed");
                    }
                    return Files.size(targetDir.resolve(piped));
                });
                Files.delete(fifo);
                run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-delete", "--pool", targetPool, piped);
                String upload = "upload-" + node.suffix + ".qcow2";
                run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-create-as", imagePool, upload, "0",
                        "--format", "raw");
                timed(UPLOAD, r, () -> {
                    run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-upload", "--pool", imagePool,
                            upload, targetDir.resolve(liveName).toString());
                    return Files.size(node.images().resolve(upload));
                });
                run(COMMAND_LIMIT, "virsh", "-c", ThrowawayQemuNode.URI, "vol-delete", "--pool", imagePool, upload);
                timed(CP, r, () -> {
                    run(COMMAND_LIMIT, "cp", "--reflink=never", targetDir.resolve(liveName).toString(),
                            out.toString());
                    return Files.size(out);
                });
                Files.delete(out);

                timed(RESTORE, r, () -> {
                    try (DiskReader reader = store.read(target, liveName, live.sha256())) {
                        driver.writeDisk(spec, reader);
                    }
                    return live.bytes();
                });
            }
            timer.step("compareRestored", () -> run(COMMAND_LIMIT, "qemu-img", "compare", "-U", "-q",
                    targetDir.resolve(liveName).toString(), disk.toString()));
            System.out.printf("[bench-backup] guest volume after the restores %s: %s%n", disk, allocation(disk));
            timer.step("remove", () -> driver.remove(guestId));
            sha256Floor();
        } finally {
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
                node.close();
                timer.print();
            }
        }
        print();
    }

    /**
     * The guest's disk as the panel would make it (a qcow2 overlay of the template, 1 GiB), but with every cluster
     * after the template's first MiB written with random bytes: made raw here, then converted onto the template.
     */
    private static void prepareDisk(Path images, Path disk) throws Exception {
        Path template = images.resolve("template-disk.qcow2");
        Path raw = images.resolve("prepare.raw");
        try {
            run(COMMAND_LIMIT, "qemu-img", "convert", "-f", "qcow2", "-O", "raw", template.toString(),
                    raw.toString());
            long head = Files.size(raw);
            SplittableRandom random = new SplittableRandom(20);
            byte[] chunk = new byte[(int) MIB];
            try (OutputStream out = Files.newOutputStream(raw, java.nio.file.StandardOpenOption.APPEND)) {
                for (long at = head; at < DISK_BYTES; at += chunk.length) {
                    for (int i = 0; i < chunk.length; i += 8) {
                        long v = random.nextLong();
                        for (int b = 0; b < 8; b++) {
                            chunk[i + b] = (byte) (v >>> (8 * b));
                        }
                    }
                    out.write(chunk, 0, (int) Math.min(chunk.length, DISK_BYTES - at));
                }
            }
            run(COMMAND_LIMIT, "qemu-img", "convert", "-f", "raw", "-O", "qcow2", "-B", template.toString(), "-F",
                    "qcow2", raw.toString(), disk.toString());
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** One backup through the panel: the copy on the node, then streamed to the store; its reader closed after. */
    private BackupStore.Stored backup(String what, String copyPart, String streamPart, int round,
            LibvirtDriver driver, BackupStore store, BackupTarget target, UUID guestId, String name, boolean live)
            throws Exception {
        if (COLD) {
            dropCaches();
        }
        long t0 = System.nanoTime();
        DiskCopy copy = driver.copyDisk(guestId, () -> true).orElseThrow();
        long t1 = System.nanoTime();
        if (copy.live() != live) {
            throw new IllegalStateException("expected a " + (live ? "live" : "stopped") + " copy");
        }
        BackupStore.Stored stored;
        try (DiskReader reader = copy.reader()) {
            stored = store.write(target, name, reader);
        }
        long t2 = System.nanoTime();
        long sync = sync();
        record(what, round, stored.bytes(), t2 - t0, sync);
        record(copyPart, round, stored.bytes(), t1 - t0, -1);
        record(streamPart, round, stored.bytes(), t2 - t1, -1);
        return stored;
    }

    @FunctionalInterface
    private interface Step {
        /** Does the work and answers how many bytes it moved. */
        long run() throws Exception;
    }

    private void timed(String what, int round, Step step) throws Exception {
        if (COLD) {
            dropCaches();
        }
        long t0 = System.nanoTime();
        long bytes = step.run();
        long nanos = System.nanoTime() - t0;
        record(what, round, bytes, nanos, sync());
    }

    private void record(String what, int round, long bytes, long nanos, long syncNanos) {
        rows.get(what).add(bytes, nanos, syncNanos);
        System.out.printf("[bench-backup] round %d %s: %d bytes in %.2f s, %.1f MB/s%s%n", round, what.trim(), bytes,
                nanos / 1e9, bytes / 1e3 / (nanos / 1e6),
                syncNanos < 0 ? "" : String.format(" (sync after: %.2f s)", syncNanos / 1e9));
    }

    /** The JVM's SHA-256 over 1 GiB in memory: the store hashes every byte it writes and reads. */
    private void sha256Floor() throws Exception {
        byte[] buffer = new byte[1 << 18];
        new SplittableRandom(7).nextBytes(buffer);
        for (int r = 1; r <= ROUNDS; r++) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long t0 = System.nanoTime();
            for (long done = 0; done < DISK_BYTES; done += buffer.length) {
                digest.update(buffer);
            }
            digest.digest();
            record(SHA, r, DISK_BYTES, System.nanoTime() - t0, -1);
        }
    }

    /** Nothing dirty before the first step. */
    private static void settle() throws Exception {
        sync();
    }

    /** Runs sync(1) and answers how long it took: the dirty pages the step before left. */
    private static long sync() throws Exception {
        long t0 = System.nanoTime();
        run(COMMAND_LIMIT, "sync");
        return System.nanoTime() - t0;
    }

    /** A command started with its output thrown away. */
    private static Process quiet(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void dropCaches() throws Exception {
        run(COMMAND_LIMIT, "sync");
        Files.writeString(Paths.get("/proc/sys/vm/drop_caches"), "3");
    }

    /** The name of the pool over {@code dir}, which the driver or the store defined. */
    private static String poolOver(Connect conn, Path dir) throws Exception {
        for (String[] names : new String[][] { conn.listStoragePools(), conn.listDefinedStoragePools() }) {
            for (String poolName : names) {
                StoragePool pool = conn.storagePoolLookupByName(poolName);
                try {
                    if (dir.toString().equals(XmlIn.parse(pool.getXMLDesc(0)).text("/pool/target/path"))) {
                        return poolName;
                    }
                } finally {
                    pool.free();
                }
            }
        }
        throw new IllegalStateException("no pool over " + dir);
    }

    /** The image's file size and allocation as qemu-img sees them. */
    private static String allocation(Path image) throws Exception {
        String info = run(COMMAND_LIMIT, "qemu-img", "info", "-U", image.toString());
        StringBuilder out = new StringBuilder("file ").append(Files.size(image)).append(" bytes;");
        info.lines().filter(l -> l.startsWith("virtual size") || l.startsWith("disk size")
                || l.startsWith("backing file:")).forEach(l -> out.append(' ').append(l.trim()).append(';'));
        return out.toString();
    }

    private void print() {
        System.out.printf("%nBACKUP THROUGHPUT BENCHMARK: a 1 GiB disk of a real QEMU guest (TCG), all of it allocated"
                + " (random data), %d rounds each%s; backup target and node on the same host and filesystem;"
                + " MB = 10^6 bytes; +sync: with the sync(1) after the step%n", ROUNDS,
                COLD ? ", page cache dropped before each step" : ", page cache warm");
        System.out.printf("  %-52s %13s %9s %10s %17s %11s%n", "", "bytes", "p50 s", "p50 MB/s", "min..max MB/s",
                "+sync MB/s");
        rows.values().stream().filter(row -> !row.samples.isEmpty()).forEach(Row::print);
        System.out.println();
    }

    /** One measured thing over its rounds. */
    private static final class Row {
        final String what;
        final List<long[]> samples = new ArrayList<>();

        Row(String what) {
            this.what = what;
        }

        void add(long bytes, long nanos, long syncNanos) {
            samples.add(new long[] { bytes, nanos, syncNanos });
        }

        void print() {
            List<long[]> byTime = samples.stream().sorted(Comparator.comparingLong(s -> s[1])).toList();
            long[] mid = byTime.get((byTime.size() - 1) / 2);
            double min = byTime.stream().mapToDouble(Row::mbps).min().orElse(0);
            double max = byTime.stream().mapToDouble(Row::mbps).max().orElse(0);
            String withSync = "";
            if (mid[2] >= 0) {
                double[] synced = samples.stream().mapToDouble(s -> s[0] / 1e3 / ((s[1] + s[2]) / 1e6)).sorted()
                        .toArray();
                withSync = String.format("%.1f", synced[(synced.length - 1) / 2]);
            }
            System.out.printf("  %-52s %13d %9.2f %10.1f %8.1f..%-8.1f %11s%n", what, mid[0], mid[1] / 1e9,
                    mbps(mid), min, max, withSync);
        }

        static double mbps(long[] sample) {
            return sample[0] / 1e3 / (sample[1] / 1e6);
        }
    }
}
