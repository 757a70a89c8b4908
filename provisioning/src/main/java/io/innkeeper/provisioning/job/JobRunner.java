package io.innkeeper.provisioning.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.ProvisioningConfig;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.PowerState;
import io.innkeeper.provisioning.driver.ShutdownOutcome;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * Runs one claimed job: driver calls happen outside any transaction, and each step is safe to repeat, so a job
 * taken over after a crash finishes without a second guest.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    JobQueue queue;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    ProvisioningConfig config;

    public void run(ClaimedJob job, String worker) {
        HypervisorDriver driver;
        try {
            driver = drivers.forNode(job.guestType(), job.node());
            switch (job.kind()) {
                case CREATE -> create(job, worker, driver);
                case REBOOT -> reboot(job, worker, driver);
                case DELETE -> delete(job, worker, driver);
                case START -> start(job, worker, driver);
                case STOP -> stop(job, worker, driver);
                case POWER_OFF -> powerOff(job, worker, driver);
            }
        } catch (DriverException e) {
            failed(job, worker, e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s (%s) failed unexpectedly", job.jobId(), job.kind());
            queue.fail(job.jobId(), worker, "An internal error stopped this job; it will be retried.", true,
                    givenUp(job.kind()));
        }
    }

    private void create(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Creating the guest on " + job.nodeName())) {
            return;
        }
        PowerState power = driver.ensureRunning(job.guest());
        queue.succeed(job.jobId(), worker, "Server is up", power == PowerState.RUNNING ? GuestStatus.RUNNING
                : GuestStatus.STOPPED);
    }

    private void reboot(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Rebooting")) {
            return;
        }
        driver.reboot(job.guest().id());
        queue.succeed(job.jobId(), worker, "Rebooted", GuestStatus.RUNNING);
    }

    private void delete(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Removing the guest from " + job.nodeName())) {
            return;
        }
        driver.remove(job.guest().id());
        queue.succeed(job.jobId(), worker, "Server deleted", GuestStatus.DELETED);
    }

    private void start(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Starting")) {
            return;
        }
        driver.start(job.guest().id());
        queue.succeed(job.jobId(), worker, "Started", GuestStatus.RUNNING);
    }

    private void stop(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Shutting down (at most " + config.shutdownTimeout().toSeconds()
                + " s, then powered off)")) {
            return;
        }
        ShutdownOutcome outcome = driver.shutdown(job.guest().id(), config.shutdownTimeout());
        queue.succeed(job.jobId(), worker, switch (outcome) {
            case CLEAN -> "Shut down";
            case FORCED -> "Did not shut down in time; powered off";
            case ALREADY_OFF -> "Was already off";
        }, GuestStatus.STOPPED);
    }

    private void powerOff(ClaimedJob job, String worker, HypervisorDriver driver) {
        if (!queue.step(job.jobId(), worker, "Powering off")) {
            return;
        }
        driver.powerOff(job.guest().id());
        queue.succeed(job.jobId(), worker, "Powered off", GuestStatus.STOPPED);
    }

    private void failed(ClaimedJob job, String worker, DriverException e) {
        String why = switch (e) {
            case DriverException.Transient t -> "The host " + job.nodeName() + " did not answer: " + t.getMessage();
            case DriverException.NotFoundOnHost n -> "The guest is missing on " + job.nodeName() + ".";
            case DriverException.Conflict c -> "The guest is not in a state that allows this: " + c.getMessage();
            case DriverException.Unsupported u -> "The host cannot do this: " + u.getMessage();
        };
        LOG.warnf("job %s (%s) attempt %d of %d: %s", job.jobId(), job.kind(), job.attempt(), job.maxAttempts(),
                e.getMessage());
        queue.fail(job.jobId(), worker, why, e instanceof DriverException.Transient, givenUp(job.kind()));
    }

    private static GuestStatus givenUp(JobKind kind) {
        return switch (kind) {
            case CREATE -> GuestStatus.FAILED;
            case DELETE -> GuestStatus.ERROR;
            case REBOOT, STOP, POWER_OFF -> GuestStatus.RUNNING;
            case START -> GuestStatus.STOPPED;
        };
    }
}
