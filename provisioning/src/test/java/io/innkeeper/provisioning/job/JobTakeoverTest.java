package io.innkeeper.provisioning.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.HypervisorDrivers;
import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.libvirt.LibvirtConnections;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Durable jobs survive a dead worker: another one takes over after the lease, and nothing is made twice. */
@QuarkusTest
class JobTakeoverTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    JobQueue queue;

    @Inject
    HypervisorDrivers drivers;

    @Inject
    LibvirtConnections libvirt;

    @Inject
    EntityManager em;

    /**
     * Timeline: a worker claims the create job (lease 2 s), defines and starts the guest on the host, and dies
     * before recording anything. The lease runs out; the panel's own worker claims the job, repeats the create step
     * (which finds the guest by its UUID) and finishes it. The dead worker's late answer is refused.
     */
    @Test
    void createTakenOverFromKilledWorkerMakesExactlyOneGuest() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("takeover-" + UUID.randomUUID());
        UUID server = servers.orderHeldBy(tenant, catalog, Fixtures.hostname("crash"), "dead-worker",
                Duration.ofSeconds(2));
        UUID job = createJobOf(server);

        // What the dead worker got done before it was killed.
        drivers.forNode("kvm", new NodeSettings("test:///default")).ensureRunning(spec(server));
        assertThat(jobState(job)).isEqualTo(JobState.RUNNING);

        await().atMost(Duration.ofSeconds(20)).until(() -> jobState(job) == JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
        assertThat(attempts(job)).isEqualTo(2);
        assertThat(domainsNamed("ik-" + server)).isEqualTo(1);
        assertThat(queue.succeed(job, "dead-worker", "late", GuestStatus.RUNNING)).isFalse();
    }

    @Test
    void adminRetriesFailedJobAndForceResolvesStuckOne() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("retry-" + UUID.randomUUID());
        UUID server = servers.orderHeldBy(tenant, catalog, Fixtures.hostname("stuck"), "stuck-worker",
                Duration.ofHours(1));
        UUID job = createJobOf(server);

        queue.forceResolve(job, GuestStatus.FAILED, "host rebuilt");
        assertThat(jobState(job)).isEqualTo(JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.FAILED);
        assertThat(queue.succeed(job, "stuck-worker", "late", GuestStatus.RUNNING)).isFalse();
        assertThatThrownBy(() -> queue.retry(job)).hasMessage("Only a failed job can be retried.");

        markFailed(job);
        queue.retry(job);
        await().atMost(Duration.ofSeconds(20)).until(() -> jobState(job) == JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
    }

    private long domainsNamed(String name) {
        return libvirt.with("test:///default", c -> {
            long defined = Arrays.stream(c.listDefinedDomains()).filter(name::equals).count();
            long running = 0;
            for (int id : c.listDomains()) {
                if (name.equals(c.domainLookupByID(id).getName())) {
                    running++;
                }
            }
            return defined + running;
        });
    }

    @Transactional
    io.innkeeper.provisioning.driver.GuestSpec spec(UUID guest) {
        return em.find(Guest.class, guest).spec();
    }

    @Transactional
    UUID createJobOf(UUID guest) {
        return em.createQuery("select j.id from Job j where j.guestId = :g and j.kind = :k", UUID.class)
                .setParameter("g", guest).setParameter("k", JobKind.CREATE).getSingleResult();
    }

    @Transactional
    JobState jobState(UUID job) {
        return em.find(Job.class, job).state;
    }

    @Transactional
    int attempts(UUID job) {
        return em.find(Job.class, job).attempts;
    }

    @Transactional
    void markFailed(UUID job) {
        Job j = em.find(Job.class, job);
        j.state = JobState.FAILED;
        em.find(Guest.class, j.guestId).status = GuestStatus.FAILED;
    }
}
