package io.innkeeper.provisioning.job;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.innkeeper.provisioning.ProvisioningConfig;

/**
 * Readiness includes this replica's job worker: its schedule still calls it and its threads still run. A replica
 * whose worker stopped would take orders whose jobs only other replicas run. A node that does not answer is not a
 * readiness matter (it is a metric and an alert): the panel still serves everything else.
 */
@Readiness
@ApplicationScoped
public class JobWorkerReadiness implements HealthCheck {

    /** Polls may be late under load; only this many missed intervals (at least {@link #FLOOR}) count as stopped. */
    static final int MISSED_POLLS = 10;
    static final Duration FLOOR = Duration.ofSeconds(30);

    @Inject
    JobWorker worker;

    @Inject
    ProvisioningConfig config;

    @Override
    public HealthCheckResponse call() {
        Duration since = worker.sincePoll();
        Duration limit = config.jobs().pollInterval().multipliedBy(MISSED_POLLS);
        limit = limit.compareTo(FLOOR) < 0 ? FLOOR : limit;
        return HealthCheckResponse.named("Job worker").status(worker.running() && since.compareTo(limit) <= 0)
                .withData("worker", worker.workerId()).withData("lastPollSecondsAgo", since.toSeconds()).build();
    }
}
