package io.innkeeper.provisioning.job;

import java.util.UUID;

import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.NodeSettings;

/** Everything a worker needs to run a job outside any database transaction. */
public record ClaimedJob(UUID jobId, JobKind kind, String arg, int attempt, int maxAttempts, GuestSpec guest,
        String guestType, NodeSettings node, String nodeName, String requestId, String traceParent) {
}
