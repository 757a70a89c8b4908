package io.innkeeper.provisioning.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduled.ConcurrentExecution;

import io.innkeeper.provisioning.ProvisioningConfig;

/**
 * Polls the job table and runs due jobs on virtual threads, at most {@code concurrency} at once per replica.
 * Several replicas poll the same table; {@code FOR UPDATE SKIP LOCKED} gives each job to one of them.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final String workerId = workerName();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    /** When the schedule last called {@link #poll}, in {@link System#nanoTime()}: the worker's heartbeat. */
    private volatile long polledAt = System.nanoTime();

    @Inject
    JobQueue queue;

    @Inject
    JobRunner runner;

    @Inject
    public JobWorker(ProvisioningConfig config) {
        this.slots = new Semaphore(config.jobs().concurrency());
    }

    public String workerId() {
        return workerId;
    }

    /** The schedule is the safety net (other replicas' jobs, retries coming due); commits here wake us at once. */
    @Scheduled(every = "${innkeeper.provisioning.jobs.poll-interval:1s}", concurrentExecution = ConcurrentExecution.SKIP,
            identity = "job-worker")
    void poll() {
        polledAt = System.nanoTime();
        drain();
    }

    /** How long ago the schedule last called the worker; readiness fails when it stops (JobWorkerReadiness). */
    Duration sincePoll() {
        return Duration.ofNanos(System.nanoTime() - polledAt);
    }

    /** Whether the worker can still run what it claims (its threads were not shut down). */
    boolean running() {
        return !threads.isShutdown();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueue.JobsQueued event) {
        wanted.set(true);
        if (!draining.get()) {
            threads.execute(this::drain);
        }
    }

    /** Claims jobs until none is due or every slot is busy; one drain at a time, repeated if woken meanwhile. */
    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                wanted.set(false);
                claimWhileFree();
            } while (wanted.get());
        } finally {
            draining.set(false);
        }
        if (wanted.get()) {
            threads.execute(this::drain);
        }
    }

    private void claimWhileFree() {
        while (slots.tryAcquire()) {
            Optional<ClaimedJob> claimed;
            try {
                claimed = queue.claim(workerId);
            } catch (RuntimeException e) {
                slots.release();
                LOG.warnf("cannot claim jobs: %s", e.getMessage());
                return;
            }
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            ClaimedJob job = claimed.get();
            threads.execute(() -> {
                try {
                    runner.run(job, workerId);
                } finally {
                    slots.release();
                    // A guest's next job waits for this one; look again now rather than at the next tick.
                    onQueued(null);
                }
            });
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
