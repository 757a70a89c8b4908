package io.innkeeper.provisioning.job;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import io.innkeeper.kernel.RequestContext;
import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.ProvisioningConfig;
import io.innkeeper.provisioning.backup.BackupStore;
import io.innkeeper.provisioning.backup.BackupTarget;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ResizeResult;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.guest.OwnerStanding;
import io.innkeeper.provisioning.node.Migrations;

/**
 * Runs one claimed job: driver calls happen outside any transaction, and each step is safe to repeat, so a job
 * taken over after a crash finishes without a second guest.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobQueue queue;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    ProvisioningConfig config;

    @Inject
    OwnerStanding standing;

    @Inject
    Migrations migrations;

    @Inject
    Tracer tracer;

    @Inject
    BackupRecords backups;

    @Inject
    BackupStore store;

    /**
     * Runs the job with the request id of the request that queued it in the log context, and, with tracing on, as a
     * span in that request's trace, each driver call a span inside it.
     */
    public void run(ClaimedJob job, String worker) {
        Span span = tracer.spanBuilder("job " + job.kind()).setParent(JobTracing.parent(job.traceParent()))
                .setSpanKind(SpanKind.CONSUMER).setAttribute("innkeeper.job.id", job.jobId().toString())
                .setAttribute("innkeeper.job.attempt", job.attempt())
                .setAttribute("innkeeper.node", job.nodeName()).startSpan();
        if (job.requestId() != null) {
            span.setAttribute("innkeeper.request_id", job.requestId());
        }
        try (Scope scope = span.makeCurrent()) {
            RequestContext.with(job.requestId(), () -> runTraced(job, worker));
        } finally {
            span.end();
        }
    }

    private void runTraced(ClaimedJob job, String worker) {
        HypervisorDriver driver = null;
        try {
            driver = new TimedDriver(drivers.forNode(job.guestType(), job.node()), tracer);
            execute(job, worker, driver);
        } catch (DriverException e) {
            failed(job, worker, e, driver);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s (%s) failed unexpectedly", job.jobId(), job.kind());
            queue.fail(job.jobId(), worker, "An internal error stopped this job; it will be retried.", true,
                    givenUp(job, driver));
        }
    }

    private void execute(ClaimedJob job, String worker, HypervisorDriver driver) {
        switch (job.kind()) {
            case CREATE -> create(job, worker, driver);
            case REBOOT -> reboot(job, worker, driver);
            case DELETE -> delete(job, worker, driver);
            case START -> start(job, worker, driver);
            case STOP -> stop(job, worker, driver);
            case POWER_OFF -> powerOff(job, worker, driver);
            case RESIZE -> resize(job, worker, driver);
            case REINSTALL -> reinstall(job, worker, driver);
            case SNAPSHOT_CREATE -> snapshot(job, worker, "Taking snapshot " + job.arg(), "Snapshot taken",
                    () -> driver.createSnapshot(job.guest().id(), job.arg(), ""), driver);
            case SNAPSHOT_REVERT -> snapshot(job, worker, "Reverting to snapshot " + job.arg(),
                    "Reverted to snapshot " + job.arg(), () -> driver.revertToSnapshot(job.guest().id(),
                            job.arg()), driver);
            case SNAPSHOT_DELETE -> snapshot(job, worker, "Deleting snapshot " + job.arg(), "Snapshot deleted",
                    () -> driver.deleteSnapshot(job.guest().id(), job.arg()), driver);
            case MIGRATE -> migrate(job, worker, driver);
            case RESCUE_ON, RESCUE_OFF -> rescue(job, worker, driver);
            case CDROM_INSERT, CDROM_EJECT, BOOT_DEVICE -> cdrom(job, worker, driver);
            case BACKUP_CREATE -> backup(job, worker, driver);
            case BACKUP_RESTORE -> restore(job, worker, driver);
        }
    }

    /**
     * Backs the guest's disk up: the node makes a standalone copy (a running guest keeps running), the copy is
     * streamed to the backup's target with its SHA-256, recorded, and removed from the node. Repeating it after a
     * crash copies again over what the first attempt wrote; only the job's success makes the backup READY.
     */
    private void backup(ClaimedJob job, String worker, HypervisorDriver driver) {
        UUID backupId = UUID.fromString(job.arg());
        java.util.Optional<BackupRecords.Planned> planned = backups.planned(backupId);
        if (planned.isEmpty() || planned.get().state() != io.innkeeper.provisioning.backup.GuestBackup.State.CREATING) {
            done(job, worker, driver, "The backup was deleted before it was made",
                    statusOf(driver.powerState(job.guest().id())));
            return;
        }
        String copying = "Copying the disk";
        if (!queue.step(job.jobId(), worker, copying)) {
            return;
        }
        java.util.Optional<io.innkeeper.provisioning.driver.DiskCopy> copy = driver.copyDisk(job.guest().id(),
                () -> queue.step(job.jobId(), worker, copying));
        if (copy.isEmpty()) {
            backups.stored(backupId, null, null, io.innkeeper.provisioning.backup.GuestBackup.Consistency.NO_DATA);
            done(job, worker, driver, "Backed up; this host keeps no disk data, so there was nothing to copy",
                    statusOf(driver.powerState(job.guest().id())));
            return;
        }
        BackupTarget target = planned.get().target();
        String volume = io.innkeeper.provisioning.backup.GuestBackup.volumeName(backupId);
        queue.step(job.jobId(), worker, "Sending the copy to the backup storage");
        BackupStore.Stored stored;
        try (io.innkeeper.provisioning.driver.DiskReader reader = new Progress(copy.get().reader(),
                bytes -> queue.step(job.jobId(), worker, "Sending the copy to the backup storage: "
                        + bytes / (1024 * 1024) + " MiB sent"))) {
            stored = store.write(target, volume, reader);
        }
        backups.stored(backupId, volume, stored, copy.get().live()
                ? io.innkeeper.provisioning.backup.GuestBackup.Consistency.CRASH
                : io.innkeeper.provisioning.backup.GuestBackup.Consistency.CLEAN);
        done(job, worker, driver, "Backed up: " + stored.bytes() / (1024 * 1024) + " MiB",
                statusOf(driver.powerState(job.guest().id())));
    }

    /**
     * Replaces the guest's disk with a backup's copy: the copy is read through once to check its SHA-256 before
     * anything is touched, the guest is powered off, its disk written from the copy (checked again as it goes), and
     * the guest started if it ran before (the job's argument says). Addresses and settings stay; repeating it after
     * a crash writes the disk again.
     */
    private void restore(ClaimedJob job, String worker, HypervisorDriver driver) {
        String[] arg = job.arg().split(":", 2);
        UUID backupId = UUID.fromString(arg[0]);
        boolean wasRunning = arg.length > 1 && RESTORE_RUNNING.equals(arg[1]);
        BackupRecords.Planned backup = backups.planned(backupId).orElseThrow(() -> new DriverException.Unsupported(
                "the backup " + backupId + " no longer exists", null));
        if (!queue.step(job.jobId(), worker, "Checking the backup")) {
            return;
        }
        if (backup.volume() != null) {
            try (io.innkeeper.provisioning.driver.DiskReader check = store.read(backup.target(), backup.volume(),
                    backup.sha256())) {
                byte[] buffer = new byte[1 << 18];
                while (check.read(buffer) >= 0) {
                    // Read to the end: the last read compares the checksum.
                }
            }
        }
        queue.step(job.jobId(), worker, "Powering off");
        driver.powerOff(job.guest().id());
        if (backup.volume() != null) {
            queue.step(job.jobId(), worker, "Writing the backup to the disk");
            try (io.innkeeper.provisioning.driver.DiskReader reader = store.read(backup.target(), backup.volume(),
                    backup.sha256())) {
                driver.writeDisk(job.guest(), reader);
            }
        }
        PowerState power = PowerState.SHUT_OFF;
        if (wasRunning && standing.maySwitchOn(job.guest().ownerRef())) {
            queue.step(job.jobId(), worker, "Starting");
            power = driver.start(job.guest().id());
        }
        done(job, worker, driver, "Restored the backup of " + backup.id(), statusOf(power));
    }

    private static boolean definedOn(HypervisorDriver driver, UUID guestId) {
        try {
            driver.powerState(guestId);
            return true;
        } catch (DriverException.NotFoundOnHost e) {
            return false;
        }
    }

    /** The second part of a restore job's argument when the server ran before and is started again. */
    public static final String RESTORE_RUNNING = "running";

    /** Reports the bytes read every 16 MiB (each report keeps the job's lease). */
    private static final class Progress implements io.innkeeper.provisioning.driver.DiskReader {
        private static final long EVERY = 16L << 20;
        private final io.innkeeper.provisioning.driver.DiskReader reader;
        private final java.util.function.LongConsumer report;
        private long bytes;
        private long reported;

        Progress(io.innkeeper.provisioning.driver.DiskReader reader, java.util.function.LongConsumer report) {
            this.reader = reader;
            this.report = report;
        }

        @Override
        public int read(byte[] buffer) {
            int n = reader.read(buffer);
            if (n > 0) {
                bytes += n;
                if (bytes - reported >= EVERY) {
                    reported = bytes;
                    report.accept(bytes);
                }
            }
            return n;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    /**
     * Makes the guest and starts it. A guest ordered from a backup ({@code arg} is the backup's id) gets its disk
     * from the backup's copy first, unless an earlier attempt already defined it on the node (it may have run since).
     */
    private void create(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Creating the guest on " + job.nodeName())) {
            return;
        }
        if (job.arg() != null && !definedOn(driver, job.guest().id())) {
            BackupRecords.Planned backup = backups.planned(UUID.fromString(job.arg())).filter(b -> b.state()
                    == io.innkeeper.provisioning.backup.GuestBackup.State.READY)
                    .orElseThrow(() -> new DriverException.Unsupported("the backup " + job.arg()
                            + " this server is made from no longer exists", null));
            if (backup.volume() != null) {
                queue.step(job.jobId(), worker, "Writing the backup to the disk on " + job.nodeName());
                try (io.innkeeper.provisioning.driver.DiskReader reader = store.read(backup.target(),
                        backup.volume(), backup.sha256())) {
                    driver.writeDisk(job.guest(), reader);
                }
            }
        }
        PowerState power = driver.ensureRunning(job.guest());
        done(job, worker, driver, "Server is up", power == PowerState.RUNNING ? GuestStatus.RUNNING
                : GuestStatus.STOPPED);
    }

    private void reboot(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Rebooting")) {
            return;
        }
        driver.reboot(job.guest().id());
        done(job, worker, driver, "Rebooted", GuestStatus.RUNNING);
    }

    private void delete(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Removing the guest from " + job.nodeName())) {
            return;
        }
        driver.remove(job.guest().id());
        done(job, worker, driver, "Server deleted", GuestStatus.DELETED);
    }

    private void start(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Starting")) {
            return;
        }
        driver.start(job.guest().id());
        done(job, worker, driver, "Started", GuestStatus.RUNNING);
    }

    private void stop(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Shutting down (at most " + config.shutdownTimeout().toSeconds()
                + " s, then powered off)")) {
            return;
        }
        ShutdownOutcome outcome = driver.shutdown(job.guest().id(), config.shutdownTimeout());
        done(job, worker, driver, switch (outcome) {
            case CLEAN -> "Shut down";
            case FORCED -> "Did not shut down in time; powered off";
            case ALREADY_OFF -> "Was already off";
        }, GuestStatus.STOPPED);
    }

    private void powerOff(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Powering off")) {
            return;
        }
        driver.powerOff(job.guest().id());
        done(job, worker, driver, "Powered off", GuestStatus.STOPPED);
    }

    /**
     * Writes the new size into the guest's definition; what cannot change live is applied by a clean shutdown and
     * start (a reboot keeps the old hardware), so the customer gets what they pay for.
     */
    private void resize(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Applying the new size")) {
            return;
        }
        boolean running = driver.powerState(job.guest().id()) == PowerState.RUNNING;
        ResizeResult result = driver.setResources(job.guest());
        if (running && result.needsReboot()) {
            queue.step(job.jobId(), worker, "Restarting to apply " + result.atNextBoot());
            driver.shutdown(job.guest().id(), config.shutdownTimeout());
            driver.start(job.guest().id());
        }
        done(job, worker, driver, "Resized", running ? GuestStatus.RUNNING : GuestStatus.STOPPED);
    }

    /** A fresh system from the template; the addresses stay, because they belong to the server, not the disk. */
    private void reinstall(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Removing the old system")) {
            return;
        }
        driver.remove(job.guest().id());
        queue.step(job.jobId(), worker, "Installing " + job.guest().image());
        PowerState power = driver.ensureRunning(job.guest());
        done(job, worker, driver, "Reinstalled", statusOf(power));
    }

    /**
     * Offline migration; {@code target} is the guest's new node. Each step is safe to repeat: the old node's guest is
     * shut down (already off or already gone is fine), its disk copied to the new node (again in full after a
     * crash, over what the first attempt wrote), defined there (found by its UUID if a crashed worker got that
     * far), started there if it ran before, and only then removed from the old node, disk and all. Nodes keep their
     * disks apart: an image directory two nodes share would lose the disk with the old copy.
     */
    private void migrate(ClaimedJob job, String worker, HypervisorDriver target) {
        Migrations.Origin origin = Migrations.Origin.parse(job.arg());
        Migrations.Source from = migrations.source(origin.nodeId());
        TimedDriver source = new TimedDriver(drivers.forNode(job.guestType(), from.settings()), tracer);
        UUID id = job.guest().id();
        if (!queue.step(job.jobId(), worker, "Shutting down on " + from.name())) {
            return;
        }
        boolean onSource = true;
        try {
            source.shutdown(id, config.shutdownTimeout());
        } catch (DriverException.NotFoundOnHost gone) {
            onSource = false;
        }
        if (onSource) {
            java.util.Optional<io.innkeeper.provisioning.driver.DiskReader> disk = source.readDisk(id);
            if (disk.isPresent()) {
                queue.step(job.jobId(), worker, "Copying the disk to " + job.nodeName());
                try (io.innkeeper.provisioning.driver.DiskReader reader = disk.get()) {
                    target.writeDisk(job.guest(), reader);
                }
            }
        }
        queue.step(job.jobId(), worker, "Setting up on " + job.nodeName());
        PowerState power = target.ensureDefined(job.guest());
        if (origin.wasRunning() && power != PowerState.RUNNING && standing.maySwitchOn(job.guest().ownerRef())) {
            power = target.start(id);
        }
        if (onSource) {
            queue.step(job.jobId(), worker, "Removing the old copy from " + from.name());
            source.remove(id);
        }
        long micros = source.micros();
        queue.succeed(job.jobId(), worker, "Moved from " + from.name() + " to " + job.nodeName(), statusOf(power),
                ((TimedDriver) target).micros() + micros);
    }

    /**
     * Enters or leaves rescue mode. The use case that queued the job set the guest's spec to boot the rescue system
     * (on) or its own disk (off); the guest is powered off, redefined so and started, unless the job's argument is
     * {@link #STAYS_OFF} (a stopped server leaving rescue stays off). Repeating it after a crash does the same again.
     */
    private void rescue(ClaimedJob job, String worker, HypervisorDriver driver) {
        boolean on = job.kind() == JobKind.RESCUE_ON;
        if (!queue.step(job.jobId(), worker, on ? "Booting the rescue system" : "Booting the server's own system")) {
            return;
        }
        driver.redefine(job.guest());
        if (STAYS_OFF.equals(job.arg())) {
            done(job, worker, driver, "Left rescue mode; the server stays off", GuestStatus.STOPPED);
            return;
        }
        PowerState power = driver.start(job.guest().id());
        done(job, worker, driver, on ? "Rescue system booted" : "Left rescue mode", statusOf(power));
    }

    /** The argument of a {@link JobKind#RESCUE_OFF} job whose server was off and stays off. */
    public static final String STAYS_OFF = "stays-off";

    /**
     * Brings the guest's CD-ROM drive to what the guest record says now (the ISO, empty, and the boot order), so
     * several queued changes end in the last one whatever order they ran in. The power state is left alone: a boot
     * order waits for the next start, which the customer chooses.
     */
    private void cdrom(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, job.kind().label())) {
            return;
        }
        boolean live = driver.setCdrom(job.guest());
        boolean running = driver.powerState(job.guest().id()) == PowerState.RUNNING;
        io.innkeeper.provisioning.driver.Cdrom cdrom = job.guest().cdrom();
        String step = switch (job.kind()) {
            case BOOT_DEVICE -> (cdrom != null && cdrom.bootFirst() ? "Boots from the CD-ROM" : "Boots from its disk")
                    + (running ? " from its next start" : " when started");
            case CDROM_EJECT -> running && !live ? "Ejected; the drive is empty from the next start" : "Ejected";
            default -> running && !live ? "ISO inserted; the server sees the drive from its next start"
                    : "ISO inserted";
        };
        done(job, worker, driver, step, running ? GuestStatus.RUNNING : GuestStatus.STOPPED);
    }

    private void snapshot(ClaimedJob job, String worker, String doing, String done, Runnable action,
            HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, doing)) {
            return;
        }
        action.run();
        done(job, worker, driver, done, statusOf(driver.powerState(job.guest().id())));
    }

    /**
     * Records the job's end. A guest the job left running while its owner was suspended (the suspension came
     * while the job was queued or running) is powered off first, so a suspension always ends with the guest off.
     */
    private void done(ClaimedJob job, String worker, HypervisorDriver driver, String step, GuestStatus outcome) {
        if (outcome == GuestStatus.RUNNING && !standing.maySwitchOn(job.guest().ownerRef())) {
            queue.step(job.jobId(), worker, "The account is suspended: powering off");
            driver.powerOff(job.guest().id());
            queue.succeed(job.jobId(), worker, step + "; powered off because the account is suspended",
                    GuestStatus.STOPPED, ((TimedDriver) driver).micros());
            return;
        }
        queue.succeed(job.jobId(), worker, step, outcome, ((TimedDriver) driver).micros());
    }

    private static GuestStatus asTheHostSays(ClaimedJob job, HypervisorDriver driver) {
        if (driver == null) {
            return GuestStatus.ERROR;
        }
        try {
            return statusOf(driver.powerState(job.guest().id()));
        } catch (DriverException e) {
            return GuestStatus.ERROR;
        }
    }

    private static GuestStatus statusOf(PowerState power) {
        return power == PowerState.RUNNING || power == PowerState.PAUSED ? GuestStatus.RUNNING : GuestStatus.STOPPED;
    }

    private void failed(ClaimedJob job, String worker, DriverException e, HypervisorDriver driver) {
        String why = switch (e) {
            case DriverException.Transient t -> "The host " + job.nodeName() + " did not answer: " + t.getMessage();
            case DriverException.NotFoundOnHost n -> "The guest is missing on " + job.nodeName() + ".";
            case DriverException.Conflict c -> "The guest is not in a state that allows this: " + c.getMessage();
            case DriverException.Unsupported u -> "The host cannot do this: " + u.getMessage();
        };
        LOG.warnf("job %s (%s) attempt %d of %d: %s", job.jobId(), job.kind(), job.attempt(), job.maxAttempts(),
                e.getMessage());
        queue.fail(job.jobId(), worker, why, e instanceof DriverException.Transient, givenUp(job, driver));
    }

    /**
     * The guest's status if the job fails for good. Where the operation leaves the guest as it was, ask the host how
     * it is; only when the host cannot say either is the guest in error.
     */
    private static GuestStatus givenUp(ClaimedJob job, HypervisorDriver driver) {
        return switch (job.kind()) {
            case CREATE -> GuestStatus.FAILED;
            case DELETE -> GuestStatus.ERROR;
            case REBOOT, STOP, POWER_OFF -> GuestStatus.RUNNING;
            case START -> GuestStatus.STOPPED;
            case REINSTALL, MIGRATE -> GuestStatus.ERROR;
            case RESIZE, SNAPSHOT_CREATE, SNAPSHOT_REVERT, SNAPSHOT_DELETE, RESCUE_ON, RESCUE_OFF, CDROM_INSERT,
                    CDROM_EJECT, BOOT_DEVICE, BACKUP_CREATE, BACKUP_RESTORE ->
                asTheHostSays(job, driver);
        };
    }
}
