package io.innkeeper.provisioning.metering;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a guest's cumulative counters into exact use since its previous sample. Counters run from zero at the
 * guest's boot, so:
 * <ul>
 * <li>a counter without a baseline in the current series counted everything since boot: its delta is its value;
 * <li>any counter below its baseline means the guest restarted: a new series begins and every delta is the new
 * raw value;
 * <li>a counter the node did not report has no delta, and its baseline carries over to the next sample;
 * <li>samples missed while a node was unreachable need nothing special: the next delta spans the whole gap.
 * </ul>
 * Deltas are never negative; a negative reading is treated as not reported.
 */
public final class MeterDelta {

    /** The first series of a guest. */
    public static final int FIRST_SERIES = 1;

    private MeterDelta() {
    }

    /** Per guest, the current series and the last value of each counter in it. */
    public record Baseline(int series, Counters last) {
    }

    /** What to store for one reading: its series, the raw counters, the deltas, and the next baseline. */
    public record Metered(int series, Counters raw, Counters delta, Baseline next) {
    }

    public static Metered next(Optional<Baseline> previous, Counters reading) {
        Counters raw = reading.map(v -> v.isPresent() && v.getAsLong() < 0 ? OptionalLong.empty() : v);
        if (previous.isEmpty()) {
            return fresh(FIRST_SERIES, raw);
        }
        Baseline base = previous.get();
        if (wentBack(base.last(), raw)) {
            return fresh(base.series() + 1, raw);
        }
        Counters delta = raw.zip(base.last(),
                (now, before) -> now.isEmpty() ? now : OptionalLong.of(now.getAsLong() - before.orElse(0)));
        Counters carried = raw.zip(base.last(), (now, before) -> now.isPresent() ? now : before);
        return new Metered(base.series(), raw, delta, new Baseline(base.series(), carried));
    }

    private static Metered fresh(int series, Counters raw) {
        return new Metered(series, raw, raw, new Baseline(series, raw));
    }

    private static boolean wentBack(Counters before, Counters now) {
        List<OptionalLong> b = before.values();
        List<OptionalLong> n = now.values();
        for (int i = 0; i < b.size(); i++) {
            if (b.get(i).isPresent() && n.get(i).isPresent() && n.get(i).getAsLong() < b.get(i).getAsLong()) {
                return true;
            }
        }
        return false;
    }
}
