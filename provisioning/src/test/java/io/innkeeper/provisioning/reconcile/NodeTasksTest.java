package io.innkeeper.provisioning.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.reconcile.NodeTasks.Lease;
import io.innkeeper.provisioning.reconcile.NodeTasks.Task;

/** Leases stand in for replicas here: each claim is what one replica would do. */
@QuarkusTest
class NodeTasksTest {

    @Inject
    NodeTasks tasks;

    @Inject
    TestNodes nodes;

    @Inject
    NodeTaskRunner runner;

    @Test
    void onlyOneOfManyReplicasClaimingAtOnceWins() throws Exception {
        UUID node = nodes.create("test:///default", NodeState.ACTIVE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<Lease>>> claims = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                claims.add(replicas.submit(() -> {
                    start.await();
                    return tasks.claim(node, Task.METER, Duration.ofHours(1));
                }));
            }
            start.countDown();
            long won = 0;
            for (Future<Optional<Lease>> claim : claims) {
                won += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
    }

    @Test
    void aTaskRunsOncePerIntervalAndNeverTwiceAtOnce() {
        UUID node = nodes.create("test:///default", NodeState.ACTIVE);
        // With no interval the task is due again at once, so only the lease keeps a second run out.
        Lease running = tasks.claim(node, Task.RECONCILE, Duration.ZERO).orElseThrow();
        assertThat(tasks.claim(node, Task.RECONCILE, Duration.ZERO)).as("held").isEmpty();
        assertThat(tasks.claim(node, Task.METER, Duration.ZERO)).as("other task").isPresent();

        tasks.release(running);
        assertThat(tasks.claim(node, Task.RECONCILE, Duration.ZERO)).as("due and free").isPresent();

        Lease hourly = tasks.claim(nodes.create("test:///default", NodeState.ACTIVE), Task.RECONCILE,
                Duration.ofHours(1)).orElseThrow();
        tasks.release(hourly);
        assertThat(tasks.claim(hourly.nodeId(), Task.RECONCILE, Duration.ofHours(1))).as("not due yet").isEmpty();
    }

    @Test
    void aTickRunsEveryDueNodeOnceAndTheNextTickNone() {
        UUID node = nodes.create("test:///default", NodeState.ACTIVE);
        List<UUID> ran = new java.util.concurrent.CopyOnWriteArrayList<>();

        runner.runDue(Task.METER, Duration.ofHours(1), ran::add);
        assertThat(ran).containsOnlyOnce(node);

        ran.clear();
        runner.runDue(Task.METER, Duration.ofHours(1), ran::add);
        assertThat(ran).doesNotContain(node);
    }
}
