package io.innkeeper.portal.admin.jobs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.AuditEvent;
import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobState;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "jobs-admin", roles = "admin")
class AdminJobsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    EntityManager em;

    Fixtures.Catalog catalog;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer("jobs-owner-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(20, 20, 100_000, 1000, 20, 20, null, null, null));
    }

    @Test
    void failedJobShowsItsErrorAndCanBeRetried() {
        UUID server = servers.order(tenant, catalog, Fixtures.hostname("failed"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        UUID job = failCreateJob(server, "host said no: disk pool full");
        given().get("/admin/jobs").then().statusCode(200)
                .body(containsString("host said no: disk pool full"), containsString("data-job=\"" + job + "\""),
                        containsString("<label for=\"note-" + job + "\">What you did</label>"));
        AdminCsrf.form().post("/admin/jobs/" + job + "/retry").then().statusCode(303);
        await().atMost(SETTLE).until(() -> state(job) == JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "job.retry", job.toString())).isEqualTo(1);
        AdminCsrf.form().post("/admin/jobs/" + job + "/retry").then().statusCode(409)
                .body(containsString("Only a failed job can be retried."));
    }

    @Test
    void stuckJobIsListedAndResolvedByHand() {
        UUID server = servers.orderHeldBy(tenant, catalog, Fixtures.hostname("stuck"), "gone-worker",
                Duration.ofHours(1));
        UUID job = age(server);
        given().get("/admin/jobs").then().statusCode(200).body(containsString("data-job=\"" + job + "\""));
        AdminCsrf.form().formParam("status", "").formParam("note", "").post("/admin/jobs/" + job + "/resolve")
                .then().statusCode(422)
                .body(containsString("Choose the state the server really is in now."),
                        containsString("Say in 1 to 500 characters"));
        AdminCsrf.form().formParam("status", "STOPPED").formParam("note", "defined it by hand with virsh")
                .post("/admin/jobs/" + job + "/resolve").then().statusCode(303);
        assertThat(state(job)).isEqualTo(JobState.SUCCEEDED);
        assertThat(servers.status(server)).isEqualTo(GuestStatus.STOPPED);
        assertThat(AuditEvent.count("action = ?1 and targetId = ?2", "job.force-resolve", job.toString()))
                .isEqualTo(1);
    }

    @Transactional
    UUID failCreateJob(UUID server, String error) {
        Job job = Job.find("guestId = ?1 and kind = ?2", server, JobKind.CREATE).firstResult();
        em.createNativeQuery("update job set state = 'FAILED', error = :e, finished_at = now() where id = :id")
                .setParameter("e", error).setParameter("id", job.id).executeUpdate();
        return job.id;
    }

    /** Makes the server's create job look like it has not moved for an hour. */
    @Transactional
    UUID age(UUID server) {
        Job job = Job.find("guestId = ?1 and kind = ?2", server, JobKind.CREATE).firstResult();
        em.createNativeQuery("update job set updated_at = now() - interval '1 hour' where id = :id")
                .setParameter("id", job.id).executeUpdate();
        return job.id;
    }

    @Transactional
    JobState state(UUID job) {
        return em.createQuery("select j.state from Job j where j.id = :id", JobState.class).setParameter("id", job)
                .getSingleResult();
    }
}
