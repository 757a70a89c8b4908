package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.OutboxEvent;
import io.innkeeper.provisioning.backup.BackupReaper;
import io.innkeeper.provisioning.backup.GuestBackup;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Backups through the API on the test driver's nodes, which keep no disk data: a backup goes through the job, is
 * recorded READY with nothing copied (NO_DATA), announced as {@code backup.completed}, kept three at a time (a
 * fourth removes the oldest, which the reaper then deletes), restored in place (the server runs again afterwards)
 * and deleted. The bytes of a real QEMU guest are {@code RealGuestBackupTest}'s; another account's backups are the
 * isolation test's.
 */
@QuarkusTest
class ApiBackupsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    BackupReaper reaper;

    @Inject
    io.innkeeper.quota.QuotaService quotas;

    @Inject
    io.innkeeper.orders.backup.ServerBackups serverBackups;

    @Inject
    io.innkeeper.provisioning.BackupScheduler scheduler;

    Fixtures.Catalog catalog;
    ApiFixtures.Client client;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        client = api.customer("bkp");
    }

    String create(String hostname) {
        String id = client.api().body(Map.of("hostname", hostname, "region", catalog.region().toString(), "plan",
                catalog.plan().toString(), "template", catalog.template().toString()))
                .post("/api/v1/servers").then().statusCode(202).extract().path("server.id");
        awaitStatus(id, GuestStatus.RUNNING);
        return id;
    }

    void awaitStatus(String id, GuestStatus status) {
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(id)) == status);
    }

    String backUp(String server) {
        String backup = client.api().post("/api/v1/servers/" + server + "/backups").then().statusCode(202)
                .body("job.kind", equalTo("BACKUP_CREATE")).body("backup.state", equalTo("CREATING"))
                .body("server.status", equalTo("BACKING_UP")).extract().path("backup.id");
        awaitStatus(server, GuestStatus.RUNNING);
        return backup;
    }

    @Test
    void aBackupIsTakenKeptThreeAtATimeRestoredAndDeleted() {
        String server = create("bkp-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        String first = backUp(server);
        client.api().get("/api/v1/servers/" + server + "/backups/" + first).then().statusCode(200)
                .body("state", equalTo("READY")).body("consistency", equalTo("NO_DATA"))
                .body("trigger", equalTo("MANUAL")).body("sizeBytes", equalTo(0));
        assertThat(events(client.tenant(), "backup.completed")).anySatisfy(e -> assertThat(e.data)
                .contains(first).contains(server));

        String second = backUp(server);
        String third = backUp(server);
        String fourth = backUp(server);
        List<String> listed = client.api().get("/api/v1/servers/" + server + "/backups").then().statusCode(200)
                .body("$", hasSize(3)).extract().path("id");
        assertThat(listed).containsExactly(fourth, third, second);
        client.api().get("/api/v1/servers/" + server + "/backups/" + first).then().statusCode(404);
        assertThat(state(first)).isEqualTo(GuestBackup.State.DELETING);
        reaper.reap();
        assertThat(state(first)).isNull();

        client.api().post("/api/v1/servers/" + server + "/backups/" + third + "/restore").then().statusCode(202)
                .body("job.kind", equalTo("BACKUP_RESTORE")).body("server.status", equalTo("RESTORING"));
        awaitStatus(server, GuestStatus.RUNNING);
        client.api().queryParam("server", server).get("/api/v1/jobs").then().statusCode(200)
                .body("items.find { it.kind == 'BACKUP_RESTORE' }.state", equalTo("SUCCEEDED"));

        client.api().delete("/api/v1/servers/" + server + "/backups/" + second).then().statusCode(204);
        client.api().get("/api/v1/servers/" + server + "/backups").then().statusCode(200).body("$", hasSize(2));
        client.api().delete("/api/v1/servers/" + server + "/backups/" + second).then().statusCode(404);
        reaper.reap();
        assertThat(state(second)).isNull();
    }

    @Test
    void aStoppedServerIsBackedUpAndStaysStoppedAfterARestore() {
        String server = create("bkp-stop-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        client.api().post("/api/v1/servers/" + server + "/actions/stop").then().statusCode(202);
        awaitStatus(server, GuestStatus.STOPPED);
        String backup = client.api().post("/api/v1/servers/" + server + "/backups").then().statusCode(202)
                .extract().path("backup.id");
        awaitStatus(server, GuestStatus.STOPPED);
        client.api().post("/api/v1/servers/" + server + "/backups/" + backup + "/restore").then().statusCode(202);
        awaitStatus(server, GuestStatus.STOPPED);
        client.api().queryParam("server", server).get("/api/v1/jobs").then().statusCode(200)
                .body("items.find { it.kind == 'BACKUP_RESTORE' }.state", equalTo("SUCCEEDED"));
    }

    @Test
    void refusalsNameTheReasonAndStoreNothing() {
        String server = create("bkp-no-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        String backup = backUp(server);
        // While a job works on the server (here, as if stopping it), neither a backup nor a restore can start.
        servers.setStatus(UUID.fromString(server), GuestStatus.STOPPING);
        client.api().post("/api/v1/servers/" + server + "/backups").then().statusCode(400)
                .body("errors.form", containsString("Only a running or stopped server can be backed up"));
        client.api().post("/api/v1/servers/" + server + "/backups/" + backup + "/restore").then().statusCode(400)
                .body("errors.form", containsString("Only a running or stopped server can be restored"));
        servers.setStatus(UUID.fromString(server), GuestStatus.RUNNING);
        client.api().get("/api/v1/servers/" + server + "/backups").then().statusCode(200).body("$", hasSize(1));

        client.api().get("/api/v1/servers/" + server + "/backups/not-a-uuid").then().statusCode(404);
        client.api().get("/api/v1/servers/" + server + "/backups/" + UUID.randomUUID()).then().statusCode(404);
        client.api().post("/api/v1/servers/" + server + "/backups/" + UUID.randomUUID() + "/restore").then()
                .statusCode(404);
        client.api().body("{\"unexpected\": 1}").post("/api/v1/servers/" + server + "/backups").then()
                .statusCode(400);
    }

    @Test
    void aBackupBecomesANewServerThroughANormalOrder() {
        String server = create("bkp-src-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        String backup = backUp(server);
        String path = "/api/v1/servers/" + server + "/backups/" + backup + "/restore-to-new";
        client.api().body(Map.of("hostname", "not a hostname!")).post(path).then().statusCode(400)
                .body("errors.hostname", org.hamcrest.Matchers.notNullValue());
        client.api().body(Map.of()).post(path).then().statusCode(400);

        String copyName = "bkp-copy-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        String made = client.api().header("Idempotency-Key", "restore-" + backup).body(Map.of("hostname", copyName))
                .post(path).then().statusCode(202).body("server.hostname", equalTo(copyName))
                .body("job.kind", equalTo("CREATE")).extract().path("server.id");
        assertThat(made).isNotEqualTo(server);
        // The same key again is the same order: no second server.
        client.api().header("Idempotency-Key", "restore-" + backup).body(Map.of("hostname", copyName)).post(path)
                .then().statusCode(202).body("server.id", equalTo(made));
        awaitStatus(made, GuestStatus.RUNNING);
        String plan = client.api().get("/api/v1/servers/" + server).then().extract().path("plan.id");
        client.api().get("/api/v1/servers/" + made).then().statusCode(200).body("plan.id", equalTo(plan))
                .body("status", equalTo("RUNNING"));

        // A normal order: the quota holds.
        quotas.set(ApiFixtures.ADMIN, client.tenant(), new io.innkeeper.quota.QuotaLimits(2, 40, 100_000, 1000, 20,
                20, null, null, null));
        client.api().body(Map.of("hostname", "bkp-over-" + UUID.randomUUID().toString().substring(0, 8)
                + ".example.com")).post(path).then().statusCode(400).body(containsString("server"));
    }

    @Test
    void aScheduleBacksUpInItsHourKeepsThreeAndSaysWhyOneWasMissed() {
        String server = create("bkp-sched-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        String schedule = "/api/v1/servers/" + server + "/backups/schedule";
        client.api().get(schedule).then().statusCode(200).body("every", equalTo("OFF"));
        client.api().body(Map.of("every", "HOURLY", "hourUtc", 3)).put(schedule).then().statusCode(400)
                .body("errors.every", containsString("OFF, DAILY or WEEKLY"));
        client.api().body(Map.of("every", "DAILY", "hourUtc", 24)).put(schedule).then().statusCode(400)
                .body("errors.hourUtc", containsString("0 to 23"));
        client.api().body(Map.of("every", "DAILY")).put(schedule).then().statusCode(400)
                .body("errors.hourUtc", containsString("0 to 23"));
        client.api().body("{\"every\":\"DAILY\",\"hourUtc\":3,\"extra\":1}").put(schedule).then().statusCode(400);
        client.api().body(Map.of("every", "daily", "hourUtc", 3)).put(schedule).then().statusCode(200)
                .body("every", equalTo("DAILY")).body("hourUtc", equalTo(3));

        // Another hour: nothing is due.
        Instant day = Instant.parse("2031-03-01T02:30:00Z");
        scheduler.run(day);
        assertThat(scheduled(server)).isEmpty();
        for (int i = 0; i < 4; i++) {
            Instant at = day.plus(Duration.ofDays(i)).plus(Duration.ofMinutes(40));
            scheduler.run(at);
            awaitStatus(server, GuestStatus.RUNNING);
            scheduler.run(at.plus(Duration.ofMinutes(5))); // the same hour again: taken already
            awaitStatus(server, GuestStatus.RUNNING);
            assertThat(scheduled(server)).hasSize(Math.min(i + 1, 3));
        }
        client.api().get(schedule).then().statusCode(200).body("lastTakenAt", equalTo("2031-03-04T03:10:00Z"))
                .body("missed", org.hamcrest.Matchers.nullValue());

        // Busy when its hour comes: missed, and the owner is told why.
        servers.setStatus(UUID.fromString(server), GuestStatus.STOPPING);
        scheduler.run(Instant.parse("2031-03-05T03:10:00Z"));
        servers.setStatus(UUID.fromString(server), GuestStatus.RUNNING);
        assertThat(scheduled(server)).hasSize(3);
        client.api().get(schedule).then().statusCode(200).body("missedAt", equalTo("2031-03-05T03:10:00Z"))
                .body("missed", containsString("Only a running or stopped server can be backed up"));

        client.api().body(Map.of("every", "OFF")).put(schedule).then().statusCode(200).body("every", equalTo("OFF"));
        scheduler.run(Instant.parse("2031-03-06T03:10:00Z"));
        assertThat(scheduled(server)).hasSize(3);
    }

    @Test
    void aBusyHostHoldsScheduledBackupsBackAndSaysSoLateInTheHour() {
        String server = create("bkp-wait-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com");
        // Another server on the same host with a backup queued (behind a create job a dead worker holds): the
        // test profile lets a host work on one scheduled backup at a time.
        UUID held = servers.orderHeldBy(client.tenant(), catalog, "bkp-held-" + UUID.randomUUID().toString()
                .substring(0, 8) + ".example.com", "dead-worker", Duration.ofMinutes(10));
        servers.setStatus(held, GuestStatus.RUNNING);
        serverBackups.take(io.innkeeper.audit.Actor.SYSTEM, io.innkeeper.tenancy.Scope.of(client.tenant()), held);
        String schedule = "/api/v1/servers/" + server + "/backups/schedule";
        client.api().body(Map.of("every", "DAILY", "hourUtc", 5)).put(schedule).then().statusCode(200);

        scheduler.run(Instant.parse("2031-04-01T05:10:00Z"));
        assertThat(scheduled(server)).isEmpty();
        client.api().get(schedule).then().body("missed", org.hamcrest.Matchers.nullValue());
        scheduler.run(Instant.parse("2031-04-01T05:50:00Z"));
        assertThat(scheduled(server)).isEmpty();
        client.api().get(schedule).then().body("missed", containsString("Too many backups were under way"));

        // The dead worker's lease ends: the held jobs run, the host has room, and the backup is taken.
        api.sql("update job set lease_until = now() - interval '1 second' where guest_id = ?1", held);
        await().atMost(SETTLE).until(() -> servers.status(held) == GuestStatus.RUNNING
                && QuarkusTransaction.requiringNew().call(() -> io.innkeeper.provisioning.job.Job.count(
                        "guestId = ?1 and state in ?2", held, List.of(io.innkeeper.provisioning.job.JobState.QUEUED,
                                io.innkeeper.provisioning.job.JobState.RUNNING))) == 0);
        scheduler.run(Instant.parse("2031-04-01T05:55:00Z"));
        awaitStatus(server, GuestStatus.RUNNING);
        assertThat(scheduled(server)).hasSize(1);
        client.api().get(schedule).then().body("missed", org.hamcrest.Matchers.nullValue());
    }

    private List<Object> scheduled(String server) {
        return client.api().get("/api/v1/servers/" + server + "/backups").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.trigger == 'SCHEDULED' }.id");
    }

    private static List<OutboxEvent> events(UUID tenant, String type) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>list("tenantId = ?1 and type = ?2",
                tenant, type));
    }

    private static GuestBackup.State state(String backup) {
        return QuarkusTransaction.requiringNew().call(() -> GuestBackup.<GuestBackup>findByIdOptional(
                UUID.fromString(backup)).map(b -> b.state).orElse(null));
    }
}
