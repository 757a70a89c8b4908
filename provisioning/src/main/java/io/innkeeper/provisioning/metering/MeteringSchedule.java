package io.innkeeper.provisioning.metering;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.provisioning.reconcile.NodeTaskRunner;
import io.innkeeper.provisioning.reconcile.NodeTasks;

/** Samples every node once per interval, across all replicas together (see {@link NodeTasks}). */
@ApplicationScoped
public class MeteringSchedule {

    @Inject
    MeteringConfig config;

    @Inject
    NodeTaskRunner runner;

    @Inject
    MeterCollector collector;

    @Scheduled(every = "${innkeeper.provisioning.metering.interval:60s}",
            delayed = "${innkeeper.provisioning.metering.interval:60s}",
            concurrentExecution = ConcurrentExecution.SKIP, identity = "meter-collector")
    void tick() {
        runner.runDue(NodeTasks.Task.METER, config.interval(), collector::collect);
    }
}
