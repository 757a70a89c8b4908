package io.innkeeper.provisioning.reconcile;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Runs a periodic task for every node this replica wins, each node on its own virtual thread, so one slow or
 * unreachable node does not hold up the others. Returns when all of them are done.
 */
@ApplicationScoped
public class NodeTaskRunner {

    private static final Logger LOG = Logger.getLogger(NodeTaskRunner.class);

    @Inject
    NodeTasks tasks;

    public void runDue(NodeTasks.Task task, Duration interval, Consumer<UUID> work) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (UUID nodeId : tasks.nodeIds()) {
                threads.execute(() -> tasks.claim(nodeId, task, interval).ifPresent(lease -> {
                    try {
                        work.accept(nodeId);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "%s of node %s failed", task, nodeId);
                    } finally {
                        tasks.release(lease);
                    }
                }));
            }
        }
    }
}
