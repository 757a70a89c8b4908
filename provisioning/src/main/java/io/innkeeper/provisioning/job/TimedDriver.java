package io.innkeeper.provisioning.job;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.NodeInventory;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ResizeResult;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.driver.Snapshot;

/** Adds up the time one job spends inside the driver, so it can be recorded beside the job's own time. */
final class TimedDriver implements HypervisorDriver {

    private final HypervisorDriver driver;
    private long nanos;

    TimedDriver(HypervisorDriver driver) {
        this.driver = driver;
    }

    long micros() {
        return nanos / 1_000;
    }

    private <T> T timed(Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    private void timed(Runnable call) {
        timed(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public PowerState ensureRunning(GuestSpec spec) {
        return timed(() -> driver.ensureRunning(spec));
    }

    @Override
    public PowerState ensureDefined(GuestSpec spec) {
        return timed(() -> driver.ensureDefined(spec));
    }

    @Override
    public void redefine(GuestSpec spec) {
        timed(() -> driver.redefine(spec));
    }

    @Override
    public PowerState powerState(UUID guestId) {
        return timed(() -> driver.powerState(guestId));
    }

    @Override
    public void reboot(UUID guestId) {
        timed(() -> driver.reboot(guestId));
    }

    @Override
    public void remove(UUID guestId) {
        timed(() -> driver.remove(guestId));
    }

    @Override
    public PowerState start(UUID guestId) {
        return timed(() -> driver.start(guestId));
    }

    @Override
    public ShutdownOutcome shutdown(UUID guestId, Duration timeout) {
        return timed(() -> driver.shutdown(guestId, timeout));
    }

    @Override
    public void powerOff(UUID guestId) {
        timed(() -> driver.powerOff(guestId));
    }

    @Override
    public ResizeResult setResources(GuestSpec spec) {
        return timed(() -> driver.setResources(spec));
    }

    @Override
    public boolean setCdrom(GuestSpec spec) {
        return timed(() -> driver.setCdrom(spec));
    }

    @Override
    public Snapshot createSnapshot(UUID guestId, String name, String description) {
        return timed(() -> driver.createSnapshot(guestId, name, description));
    }

    @Override
    public List<Snapshot> snapshots(UUID guestId) {
        return timed(() -> driver.snapshots(guestId));
    }

    @Override
    public void revertToSnapshot(UUID guestId, String name) {
        timed(() -> driver.revertToSnapshot(guestId, name));
    }

    @Override
    public void deleteSnapshot(UUID guestId, String name) {
        timed(() -> driver.deleteSnapshot(guestId, name));
    }

    @Override
    public NodeInventory listGuests() {
        return timed(driver::listGuests);
    }

    @Override
    public List<GuestStats> bulkStats() {
        return timed(driver::bulkStats);
    }

    @Override
    public ConsoleStream openConsole(UUID guestId, ConsoleSink sink) {
        return timed(() -> driver.openConsole(guestId, sink));
    }

    @Override
    public io.innkeeper.provisioning.driver.VncDisplay vncDisplay(UUID guestId) {
        return timed(() -> driver.vncDisplay(guestId));
    }

    @Override
    public byte[] screenshot(UUID guestId) {
        return timed(() -> driver.screenshot(guestId));
    }

    @Override
    public ConsoleOutput consoleTail(UUID guestId, int maxBytes) {
        return timed(() -> driver.consoleTail(guestId, maxBytes));
    }

    @Override
    public java.util.Optional<io.innkeeper.provisioning.driver.DiskReader> readDisk(UUID guestId) {
        return timed(() -> driver.readDisk(guestId));
    }

    @Override
    public void writeDisk(GuestSpec spec, io.innkeeper.provisioning.driver.DiskReader disk) {
        timed(() -> {
            driver.writeDisk(spec, disk);
            return null;
        });
    }
}
