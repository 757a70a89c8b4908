package io.innkeeper.billing.usage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Rolls raw meter samples up into one row per server and UTC hour. The samples already carry exact deltas (a
 * reboot starts a new series whose first deltas are the raw counters, see the provisioning engine's
 * {@code MeterDelta}), so here:
 * <ul>
 * <li>a sample's deltas count in the hour it was taken: after a host was unreachable, its first sample carries the
 * whole gap, and the bytes land in the hour the host answered again;
 * <li>running time is the time between two samples of one series, split across the hours it spans, and only when
 * the gap is at most {@code maxGap} (a longer gap is a host that did not answer, or a guest that was off);
 * <li>existence time is the overlap of the hour with the server's life, so a stopped server still has rows.
 * </ul>
 * The result depends only on its inputs, so recomputing an hour gives the same row.
 */
public final class HourlyRollup {

    private HourlyRollup() {
    }

    /** A server's life, as billing sees it; deleted is null while it exists. */
    public record Lifetime(UUID serverId, UUID tenantId, Instant created, Instant deleted) {
    }

    /**
     * One stored sample with its deltas (null where the node gave no counter) and the time of the previous sample
     * of the same guest and series (null when it is the series' first).
     */
    public record Sample(UUID guestId, int series, Instant takenAt, Instant previous, Long cpuNs, Long rxBytes,
            Long txBytes, Long readBytes, Long writeBytes) {
    }

    /** One server's usage in one hour. */
    public record UsageHour(UUID serverId, Instant hour, UUID tenantId, int samples, int existenceSeconds,
            int runningSeconds, long cpuNs, long rxBytes, long txBytes, long readBytes, long writeBytes) {
    }

    public static Instant hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * The rows of the hours in {@code [from, to)} (both on the hour). Samples taken before {@code from} or at or
     * after {@code to} may be passed: they add only the running time that falls inside the window.
     */
    public static List<UsageHour> rollup(Instant from, Instant to, List<Lifetime> servers, List<Sample> samples,
            Duration maxGap) {
        requireHour(from);
        requireHour(to);
        Map<Key, Acc> rows = new HashMap<>();
        Map<UUID, Lifetime> byId = new HashMap<>();
        for (Lifetime life : servers) {
            byId.put(life.serverId(), life);
            Instant end = life.deleted() == null || life.deleted().isAfter(to) ? to : life.deleted();
            Instant start = life.created().isBefore(from) ? from : life.created();
            for (Instant h = hourOf(start); h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
                rows.computeIfAbsent(new Key(life.serverId(), h), k -> new Acc()).existence +=
                        overlap(h, h.plus(1, ChronoUnit.HOURS), life.created(), end);
            }
        }
        for (Sample s : samples) {
            Lifetime life = byId.get(s.guestId());
            if (life == null) {
                continue;
            }
            if (!s.takenAt().isBefore(from) && s.takenAt().isBefore(to)) {
                Acc acc = rows.computeIfAbsent(new Key(s.guestId(), hourOf(s.takenAt())), k -> new Acc());
                acc.samples++;
                acc.cpuNs += orZero(s.cpuNs());
                acc.rx += orZero(s.rxBytes());
                acc.tx += orZero(s.txBytes());
                acc.read += orZero(s.readBytes());
                acc.write += orZero(s.writeBytes());
            }
            if (s.previous() != null && Duration.between(s.previous(), s.takenAt()).compareTo(maxGap) <= 0) {
                for (Instant h = hourOf(s.previous()); h.isBefore(s.takenAt()); h = h.plus(1, ChronoUnit.HOURS)) {
                    if (!h.isBefore(from) && h.isBefore(to)) {
                        rows.computeIfAbsent(new Key(s.guestId(), h), k -> new Acc()).running +=
                                overlap(h, h.plus(1, ChronoUnit.HOURS), s.previous(), s.takenAt());
                    }
                }
            }
        }
        List<UsageHour> result = new ArrayList<>(rows.size());
        rows.forEach((key, acc) -> result.add(new UsageHour(key.server(), key.hour(),
                byId.get(key.server()).tenantId(), acc.samples, (int) Math.min(3600, acc.existence),
                (int) Math.min(3600, acc.running), acc.cpuNs, acc.rx, acc.tx, acc.read, acc.write)));
        result.sort(Comparator.comparing(UsageHour::serverId).thenComparing(UsageHour::hour));
        return result;
    }

    private static long overlap(Instant aFrom, Instant aTo, Instant bFrom, Instant bTo) {
        Instant start = aFrom.isAfter(bFrom) ? aFrom : bFrom;
        Instant end = aTo.isBefore(bTo) ? aTo : bTo;
        return Math.max(0, Duration.between(start, end).toSeconds());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static void requireHour(Instant at) {
        Objects.requireNonNull(at);
        if (!hourOf(at).equals(at)) {
            throw new IllegalArgumentException("not on the hour: " + at);
        }
    }

    private record Key(UUID server, Instant hour) {
    }

    private static final class Acc {
        int samples;
        long existence;
        long running;
        long cpuNs;
        long rx;
        long tx;
        long read;
        long write;
    }
}
