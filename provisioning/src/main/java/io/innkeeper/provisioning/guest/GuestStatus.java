package io.innkeeper.provisioning.guest;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A guest's life as the panel tracks it. The busy states are those a job is working on.
 *
 * <p>Two rules are named here and nowhere else. A <em>live</em> guest ({@link #isLive()}) still holds quota and room
 * on its node. A <em>running</em> guest ({@link #isRunning()}) counts against the running quota: it is powered on, or
 * a job is powering it on, off or through a reboot, or it is being created (it starts once made). Resizes, reinstalls,
 * snapshots and migrations are left out: the panel does them with the guest stopped or leaves the running state to
 * the job that follows, so a guest is not counted twice while it changes. SQL that needs a rule takes it from
 * {@link #liveCondition(String)} or {@link #runningCondition(String)}.
 */
public enum GuestStatus {
    PROVISIONING(true, true, true),
    RUNNING(false, true, true),
    STOPPED(false, true, false),
    STARTING(true, true, true),
    STOPPING(true, true, true),
    REBOOTING(true, true, true),
    RESIZING(true, true, false),
    REINSTALLING(true, true, false),
    SNAPSHOTTING(true, true, false),
    MIGRATING(true, true, false),
    DELETING(true, true, false),
    DELETED(false, false, false),
    ERROR(false, true, false),
    /** Creation failed for good; the guest holds no quota or node room, and the customer can delete it. */
    FAILED(false, false, false),
    /** A copy of the disk is being made for a backup; counted as running, as the guest may well be. */
    BACKING_UP(true, true, true),
    /** The disk is being replaced by a backup's copy; counted as running, as the job starts it again if it ran. */
    RESTORING(true, true, true);

    private final boolean busy;
    private final boolean live;
    private final boolean running;

    GuestStatus(boolean busy, boolean live, boolean running) {
        this.busy = busy;
        this.live = live;
        this.running = running;
    }

    public boolean busy() {
        return busy;
    }

    public String label() {
        return this == FAILED ? "Provisioning failed"
                : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Whether the guest still holds quota and room on its node. */
    public boolean isLive() {
        return live;
    }

    /**
     * Whether the guest is up and settled, so what its console shows is what it prints now; a guest starting,
     * stopping or busy is not, though it may count as running for the quota ({@link #isRunning()}).
     */
    public boolean isUp() {
        return this == RUNNING;
    }

    /** Whether the guest counts against the running quota (see the class comment for which busy states do). */
    public boolean isRunning() {
        return running;
    }

    public static Set<GuestStatus> live() {
        return matching(GuestStatus::isLive);
    }

    public static Set<GuestStatus> running() {
        return matching(GuestStatus::isRunning);
    }

    /** {@code column not in (...)}: the live rule for SQL, built from {@link #isLive()}. */
    public static String liveCondition(String column) {
        return column + " not in " + sqlList(EnumSet.complementOf(EnumSet.copyOf(live())));
    }

    /** {@code column in (...)}: the running rule for SQL, built from {@link #isRunning()}. */
    public static String runningCondition(String column) {
        return column + " in " + sqlList(running());
    }

    private static Set<GuestStatus> matching(Predicate<GuestStatus> rule) {
        return Arrays.stream(values()).filter(rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(
                GuestStatus.class)));
    }

    private static String sqlList(Set<GuestStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
