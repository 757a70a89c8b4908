package io.innkeeper.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobQueue;
import io.innkeeper.tenancy.People;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;

/**
 * Mails about a server's jobs, read from the real mail server: a create that failed for good (what to do, never the
 * job's internal error), another job that failed (which action, on which server, in the account's language), and a
 * resize that finished (the new size).
 */
@QuarkusTest
class ServerNoticeMailTest {

    static final String WORKER = "n1-notice-worker";

    /** The kind of error a driver reports: meant for operators, never for the customer's mail. */
    static final String INTERNAL = "libvirt: internal error: qemu unexpectedly closed the monitor at "
            + "/var/lib/libvirt/qemu/domain-7/monitor.sock";

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    People people;

    @Inject
    JobQueue queue;

    @Inject
    OrderService orders;

    @Inject
    EntityManager em;


    @Test
    void aFailedCreateSaysWhatToDoAndNothingOfTheInternalError() {
        String owner = "n1-failed-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("failed");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);
        String hostname = Fixtures.hostname("broken");
        UUID server = servers.orderHeldBy(tenant, fixtures.catalog(), hostname, WORKER, Duration.ofHours(1));

        assertThat(queue.fail(job(server, "CREATE"), WORKER, INTERNAL, false, GuestStatus.FAILED)).isTrue();

        Mailbox.Message message = Mailbox.await(mail, "could not be created");
        assertThat(message.subject()).isEqualTo("Your server " + hostname + " could not be created");
        assertThat(message.text()).contains(hostname).contains("order it again").contains("/servers/" + server)
                .doesNotContain("libvirt").doesNotContain("internal error").doesNotContain("monitor");
        assertThat(message.html()).contains(hostname).doesNotContain("libvirt");
    }

    @Test
    void anotherFailedJobNamesTheActionAndTheServerInTheAccountsLanguage() {
        String owner = "n1-jobfail-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("jobfail");
        UUID tenant = fixtures.customer(owner);
        speaks(tenant, "de");
        people.remember(owner, mail);
        String hostname = Fixtures.hostname("flaky");
        UUID server = servers.orderHeldBy(tenant, fixtures.catalog(), hostname, WORKER, Duration.ofHours(1));
        assertThat(queue.succeed(job(server, "CREATE"), WORKER, "Running", GuestStatus.RUNNING)).isTrue();
        rebootHeld(tenant, server);

        assertThat(queue.fail(job(server, "REBOOT"), WORKER, INTERNAL, false, GuestStatus.RUNNING)).isTrue();

        Mailbox.Message message = Mailbox.await(mail, "fehlgeschlagen");
        assertThat(message.subject()).isEqualTo("Der Neustart Ihres Servers " + hostname + " ist fehlgeschlagen");
        assertThat(message.text()).contains("Hier ist Ihr Handeln nötig").doesNotContain("libvirt");
        assertThat(message.html()).contains(hostname);
    }

    @Test
    void aFinishedResizeGivesTheNewSize() {
        String owner = "n1-resize-" + UUID.randomUUID().toString().substring(0, 8);
        String mail = Mailbox.freshAddress("resize");
        UUID tenant = fixtures.customer(owner);
        people.remember(owner, mail);
        String hostname = Fixtures.hostname("grow");
        UUID server = servers.order(tenant, fixtures.catalog(), hostname);
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        String plan = fixtures.biggerPlan();

        orders.resize(Actor.SYSTEM, Scope.of(tenant), server, plan);

        Mailbox.Message message = Mailbox.await(mail, "was resized");
        assertThat(message.subject()).isEqualTo("Your server " + hostname + " was resized");
        assertThat(message.text()).contains("2 vCPU, 1024 MiB memory, 20 GiB disk");
        assertThat(message.html()).contains("2 vCPU, 1024 MiB memory, 20 GiB disk");
    }

    @Transactional
    UUID job(UUID server, String kind) {
        return (UUID) em.createNativeQuery("select id from job where guest_id = :g and kind = :k "
                + "order by created_at desc limit 1").setParameter("g", server).setParameter("k", kind)
                .getSingleResult();
    }

    /** Asks for a reboot whose job is claimed by this test's worker in the same transaction. */
    @Transactional
    void rebootHeld(UUID tenant, UUID server) {
        orders.power(Actor.SYSTEM, Scope.of(tenant), server, OrderService.Power.REBOOT);
        em.createNativeQuery("update job set state = 'RUNNING', attempts = 1, lease_owner = :w, "
                + "lease_until = now() + interval '1 hour' where guest_id = :g and kind = 'REBOOT'")
                .setParameter("w", WORKER).setParameter("g", server).executeUpdate();
    }

    @Transactional
    void speaks(UUID tenant, String language) {
        Tenant.<Tenant>findById(tenant).language = language;
    }
}
