package io.innkeeper.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.innkeeper.kernel.UsageSteps;

/**
 * How full each quota dimension is, in the steps of {@link UsageSteps}. A dimension whose limit is zero has no steps
 * (nothing can be ordered against it anyway).
 */
public final class QuotaLevels {

    private QuotaLevels() {
    }

    /** One dimension's step (0, 80 or 100) with its figures; {@code percent} is rounded down. */
    public record Level(String dimension, int level, int percent, long used, long limit) {
    }

    /** The step of every dimension with a limit above zero, in a fixed order. */
    public static List<Level> of(QuotaLimits limits, Usage used) {
        List<Level> out = new ArrayList<>();
        add(out, "servers", used.servers(), limits.servers());
        add(out, "vcpus", used.vcpus(), limits.vcpus());
        add(out, "memory", used.memoryMib(), limits.memoryMib());
        add(out, "disk", used.diskGib(), limits.diskGib());
        add(out, "ipv4", used.ipv4(), limits.ipv4());
        add(out, "snapshots", used.snapshots(), limits.snapshots());
        return out;
    }

    /**
     * The levels to tell of: those above the step last told for their dimension ({@code told}, missing is 0). A
     * step already told is not told again until use fell below it and rose again.
     */
    public static List<Level> crossed(List<Level> now, Map<String, Integer> told) {
        return now.stream().filter(l -> l.level() > told.getOrDefault(l.dimension(), 0)).toList();
    }

    private static void add(List<Level> out, String dimension, long used, long limit) {
        if (limit > 0) {
            out.add(new Level(dimension, UsageSteps.step(used, limit), UsageSteps.percent(used, limit), used, limit));
        }
    }
}
