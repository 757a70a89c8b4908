package io.innkeeper.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A billing schedule runs once per period however many callers tick at once. */
@QuarkusTest
class BillingTasksTest {

    @Inject
    BillingTasks tasks;

    @Inject
    EntityManager em;

    @Test
    void oneOfManyConcurrentTicksWinsAndTheNextPeriodIsFreeAgain() throws Exception {
        Duration hour = Duration.ofHours(1);
        makeDue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> ticks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ticks.add(() -> tasks.claim(BillingTasks.Task.USAGE_ROLLUP, hour));
            }
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> f : pool.invokeAll(ticks)) {
                won.add(f.get());
            }
            assertThat(won).containsOnlyOnce(true);
        } finally {
            pool.shutdownNow();
        }
        assertThat(tasks.claim(BillingTasks.Task.USAGE_ROLLUP, hour)).as("still within the period").isFalse();

        makeDue();
        assertThat(tasks.claim(BillingTasks.Task.USAGE_ROLLUP, hour)).as("the next period").isTrue();
    }

    @Transactional
    void makeDue() {
        em.createNativeQuery("update billing_task set due_at = now() - interval '1 second' where task = 'USAGE_ROLLUP'")
                .executeUpdate();
    }
}
