package io.innkeeper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BatchesTest {

    @Test
    void repeatsUntilABatchComesBackShort() {
        AtomicInteger left = new AtomicInteger(2_500);
        AtomicInteger calls = new AtomicInteger();
        long total = Batches.untilShort(1_000, () -> {
            calls.incrementAndGet();
            int n = Math.min(1_000, left.get());
            left.addAndGet(-n);
            return n;
        });
        assertThat(total).isEqualTo(2_500);
        assertThat(calls).hasValue(3);
        assertThat(Batches.untilShort(10, () -> 0)).isZero();
        assertThatThrownBy(() -> Batches.untilShort(0, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsOneItemAtATimeUnderAFreshTokenUntilNothingIsDueOrTheLimit() {
        java.util.Deque<Integer> queue = new java.util.ArrayDeque<>(java.util.List.of(1, 2, 3, 4, 5));
        java.util.Set<java.util.UUID> tokens = new java.util.HashSet<>();
        int done = Batches.eachClaimed(10, token -> {
            tokens.add(token);
            return java.util.Optional.ofNullable(queue.poll());
        }, (item, token) -> tokens.contains(token) && item % 2 == 1);
        assertThat(done).as("the odd items report done").isEqualTo(3);
        assertThat(tokens).as("five claims and the empty sixth, each its own token").hasSize(6);

        queue.addAll(java.util.List.of(6, 7, 8));
        assertThat(Batches.eachClaimed(2, token -> java.util.Optional.ofNullable(queue.poll()), (i, t) -> true))
                .isEqualTo(2);
        assertThat(queue).containsExactly(8);
    }
}
