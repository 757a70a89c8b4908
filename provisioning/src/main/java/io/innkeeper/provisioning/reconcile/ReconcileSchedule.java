package io.innkeeper.provisioning.reconcile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

/** Reconciles every node once per interval, across all replicas together (see {@link NodeTasks}). */
@ApplicationScoped
public class ReconcileSchedule {

    @Inject
    ReconcileConfig config;

    @Inject
    NodeTaskRunner runner;

    @Inject
    NodeReconciler reconciler;

    @Scheduled(every = "${innkeeper.provisioning.reconcile.interval:60s}",
            delayed = "${innkeeper.provisioning.reconcile.interval:60s}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "reconciler")
    void tick() {
        runner.runDue(NodeTasks.Task.RECONCILE, config.interval(), reconciler::reconcile);
    }
}
