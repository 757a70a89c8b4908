package io.innkeeper.provisioning.job;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

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

/**
 * Adds up the time one job spends inside the driver, so it can be recorded beside the job's own time; with tracing
 * on, each driver call is a span ({@code libvirt <call>}) inside the job's.
 */
final class TimedDriver implements HypervisorDriver {

    private final HypervisorDriver driver;
    private final Tracer tracer;
    private long nanos;

    TimedDriver(HypervisorDriver driver, Tracer tracer) {
        this.driver = driver;
        this.tracer = tracer;
    }

    long micros() {
        return nanos / 1_000;
    }

    private <T> T timed(String name, Supplier<T> call) {
        Span span = tracer.spanBuilder("libvirt " + name).setSpanKind(SpanKind.CLIENT).startSpan();
        long start = System.nanoTime();
        try (Scope scope = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            nanos += System.nanoTime() - start;
            span.end();
        }
    }

    private void timed(String name, Runnable call) {
        timed(name, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public PowerState ensureRunning(GuestSpec spec) {
        return timed("ensureRunning", () -> driver.ensureRunning(spec));
    }

    @Override
    public PowerState ensureDefined(GuestSpec spec) {
        return timed("ensureDefined", () -> driver.ensureDefined(spec));
    }

    @Override
    public void redefine(GuestSpec spec) {
        timed("redefine", () -> driver.redefine(spec));
    }

    @Override
    public PowerState powerState(UUID guestId) {
        return timed("powerState", () -> driver.powerState(guestId));
    }

    @Override
    public void reboot(UUID guestId) {
        timed("reboot", () -> driver.reboot(guestId));
    }

    @Override
    public void remove(UUID guestId) {
        timed("remove", () -> driver.remove(guestId));
    }

    @Override
    public PowerState start(UUID guestId) {
        return timed("start", () -> driver.start(guestId));
    }

    @Override
    public ShutdownOutcome shutdown(UUID guestId, Duration timeout) {
        return timed("shutdown", () -> driver.shutdown(guestId, timeout));
    }

    @Override
    public void powerOff(UUID guestId) {
        timed("powerOff", () -> driver.powerOff(guestId));
    }

    @Override
    public ResizeResult setResources(GuestSpec spec) {
        return timed("setResources", () -> driver.setResources(spec));
    }

    @Override
    public boolean setCdrom(GuestSpec spec) {
        return timed("setCdrom", () -> driver.setCdrom(spec));
    }

    @Override
    public Snapshot createSnapshot(UUID guestId, String name, String description) {
        return timed("createSnapshot", () -> driver.createSnapshot(guestId, name, description));
    }

    @Override
    public List<Snapshot> snapshots(UUID guestId) {
        return timed("snapshots", () -> driver.snapshots(guestId));
    }

    @Override
    public void revertToSnapshot(UUID guestId, String name) {
        timed("revertToSnapshot", () -> driver.revertToSnapshot(guestId, name));
    }

    @Override
    public void deleteSnapshot(UUID guestId, String name) {
        timed("deleteSnapshot", () -> driver.deleteSnapshot(guestId, name));
    }

    @Override
    public NodeInventory listGuests() {
        return timed("listGuests", driver::listGuests);
    }

    @Override
    public List<GuestStats> bulkStats() {
        return timed("bulkStats", driver::bulkStats);
    }

    @Override
    public ConsoleStream openConsole(UUID guestId, ConsoleSink sink) {
        return timed("openConsole", () -> driver.openConsole(guestId, sink));
    }

    @Override
    public io.innkeeper.provisioning.driver.VncDisplay vncDisplay(UUID guestId) {
        return timed("vncDisplay", () -> driver.vncDisplay(guestId));
    }

    @Override
    public byte[] screenshot(UUID guestId) {
        return timed("screenshot", () -> driver.screenshot(guestId));
    }

    @Override
    public ConsoleOutput consoleTail(UUID guestId, int maxBytes) {
        return timed("consoleTail", () -> driver.consoleTail(guestId, maxBytes));
    }

    @Override
    public java.util.Optional<io.innkeeper.provisioning.driver.DiskReader> readDisk(UUID guestId) {
        return timed("readDisk", () -> driver.readDisk(guestId));
    }

    @Override
    public void writeDisk(GuestSpec spec, io.innkeeper.provisioning.driver.DiskReader disk) {
        timed("writeDisk", () -> driver.writeDisk(spec, disk));
    }

    @Override
    public java.util.Optional<io.innkeeper.provisioning.driver.DiskCopy> copyDisk(UUID guestId,
            java.util.function.BooleanSupplier stillOurs) {
        return timed("copyDisk", () -> driver.copyDisk(guestId, stillOurs));
    }
}
