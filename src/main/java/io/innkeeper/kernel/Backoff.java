package io.innkeeper.kernel;

import java.time.Duration;

/**
 * The panel's one rule for how long a retried piece of work waits: {@code first} after the first failed attempt,
 * doubled after each further one, never more than {@code max}.
 */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after {@code attempts} failed attempts (1 or more; 0 counts as 1). */
    public static Duration after(int attempts, Duration first, Duration max) {
        Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
        return wait.isNegative() || wait.compareTo(max) > 0 ? max : wait;
    }
}
