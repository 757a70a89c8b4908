package io.innkeeper.kernel;

/**
 * The steps of use a customer is told of, for quotas and the traffic allowance alike: {@value #WARN} % and
 * {@value #FULL} % of a limit. A limit of zero has no steps.
 */
public final class UsageSteps {

    public static final int WARN = 80;

    public static final int FULL = 100;

    private UsageSteps() {
    }

    /** The step {@code used} has reached against {@code limit}: 0, {@link #WARN} or {@link #FULL}. */
    public static int step(long used, long limit) {
        if (limit <= 0) {
            return 0;
        }
        if (used >= limit) {
            return FULL;
        }
        return used * 100 >= (long) WARN * limit ? WARN : 0;
    }

    /** {@code used} as a whole percentage of {@code limit}, rounded down; 0 for a limit of zero. */
    public static int percent(long used, long limit) {
        return limit <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, used * 100 / limit);
    }
}
