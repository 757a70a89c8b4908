package io.innkeeper.provisioning.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

    @Scheduled(every = "${innkeeper.provisioning.jobs.poll-interval:1s}", concurrentExecution = ConcurrentExecution.SKIP,
            identity = "job-worker")
    void poll() {
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
