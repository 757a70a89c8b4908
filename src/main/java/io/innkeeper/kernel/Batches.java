package io.innkeeper.kernel;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** Work done in bounded batches, each its own transaction, so a large purge never holds one long transaction. */
public final class Batches {

    private Batches() {
    }

    /**
     * Runs {@code batch} until it does less than {@code size} (nothing is left), and answers the total it did. The
     * batch answers how many rows it handled, at most {@code size}.
     */
    public static long untilShort(int size, IntSupplier batch) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size " + size);
        }
        long total = 0;
        int n;
        do {
            n = batch.getAsInt();
            total += n;
        } while (n >= size);
        return total;
    }

    /**
     * Works off a leased queue one item at a time: claims the next due item under a fresh lease token, hands it and
     * the token to {@code work}, and goes on until nothing is due or {@code limit} items were tried. Answers how many
     * {@code work} reported done.
     */
    public static <T> int eachClaimed(int limit, Function<UUID, Optional<T>> claim, BiPredicate<T, UUID> work) {
        int done = 0;
        for (int tried = 0; tried < limit; tried++) {
            UUID token = UUID.randomUUID();
            Optional<T> due = claim.apply(token);
            if (due.isEmpty()) {
                break;
            }
            if (work.test(due.get(), token)) {
                done++;
            }
        }
        return done;
    }
}
