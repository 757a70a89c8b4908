package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.backup.ServerBackups;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The backups page as a customer uses it: back up now, the list, a restore that asks for the server's name first
 * (a wrong name restores nothing and says why next to the field), and delete.
 */
@QuarkusTest
@TestSecurity(user = "bea", roles = "customer")
class BackupPagesTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    ServerBackups backups;

    UUID tenant;
    UUID server;
    String hostname;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("bea");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 50, 1_000_000, 10_000, 50, 50, null, null, null));
        hostname = Fixtures.hostname("kept");
        server = servers.order(tenant, fixtures.catalog(), hostname);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void aCustomerBacksUpRestoresAfterTypingTheNameAndDeletes() {
        given().get("/servers/" + server).then().statusCode(200)
                .body(containsString("href=\"/servers/" + server + "/backups\""), containsString("No backups yet."),
                        containsString("No automatic backups."));
        given().get("/servers/" + server + "/backups").then().statusCode(200)
                .body(containsString("Backups of " + hostname), containsString("No backups yet."),
                        containsString("id=\"backup-now\""));

        Csrf.form().post("/servers/" + server + "/backups").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING
                && backups.list(Scope.of(tenant), server).stream().allMatch(ServerBackups.Backup::ready));
        UUID backup = backups.list(Scope.of(tenant), server).get(0).id();
        given().get("/servers/" + server).then().statusCode(200).body(containsString("1 of 3 kept."));
        given().get("/servers/" + server + "/backups").then().statusCode(200)
                .body(containsString("data-backup=\"" + backup + "\""), containsString("Ready"),
                        containsString("/backups/" + backup + "/restore"), not(containsString("No backups yet.")));

        given().get("/servers/" + server + "/backups/" + backup + "/restore").then().statusCode(200)
                .body(containsString("Everything written to " + hostname + "'s disk since"),
                        containsString("<label for=\"confirm\">"));
        Csrf.form().formParam("confirm", "some-other-server").post("/servers/" + server + "/backups/" + backup
                + "/restore").then().statusCode(422)
                .body(containsString("Type the server&#39;s name, " + hostname + ", to confirm."),
                        containsString("aria-invalid=\"true\""));
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);

        Csrf.form().formParam("confirm", hostname).post("/servers/" + server + "/backups/" + backup + "/restore")
                .then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING && lastJob().equals(
                "BACKUP_RESTORE"));

        String copy = Fixtures.hostname("copy");
        Csrf.form().formParam("hostname", "bad name!").post("/servers/" + server + "/backups/" + backup + "/new")
                .then().statusCode(422).body(containsString("id=\"hostname-error\""));
        String location = Csrf.form().formParam("hostname", copy).post("/servers/" + server + "/backups/" + backup
                + "/new").then().statusCode(303).extract().header("Location");
        UUID made = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        await().atMost(SETTLE).until(() -> servers.status(made) == GuestStatus.RUNNING);
        given().get("/servers/" + made).then().statusCode(200).body(containsString(copy));

        Csrf.form().post("/servers/" + server + "/backups/" + backup + "/delete").then().statusCode(303);
        assertThat(backups.list(Scope.of(tenant), server)).isEmpty();
        given().get("/servers/" + server + "/backups/" + backup + "/restore").then().statusCode(404);
    }

    @Test
    void automaticBackupsAreSetOnThePageAndBadHoursAreRefusedByTheField() {
        Csrf.form().formParam("every", "WEEKLY").formParam("hourUtc", "5")
                .post("/servers/" + server + "/backups/schedule").then().statusCode(303)
                .header("Location", containsString("/servers/" + server + "/backups?saved=schedule"));
        given().get("/servers/" + server + "/backups?saved=schedule").then().statusCode(200)
                .body(containsString("Saved: backed up weekly from 5:00 UTC."),
                        containsString("<option value=\"WEEKLY\" selected>"),
                        containsString("<option value=\"5\" selected>05:00</option>"));
        assertThat(backups.schedule(Scope.of(tenant), server).every()).isEqualTo("WEEKLY");
        given().get("/servers/" + server).then().statusCode(200).body(containsString("Backed up weekly from 5:00 UTC."));

        Csrf.form().formParam("every", "DAILY").formParam("hourUtc", "25")
                .post("/servers/" + server + "/backups/schedule").then().statusCode(422)
                .body(containsString("id=\"hourUtc-error\""), containsString("0 to 23 (UTC)"));
        assertThat(backups.schedule(Scope.of(tenant), server).hourUtc()).isEqualTo(5);

        Csrf.form().formParam("every", "OFF").post("/servers/" + server + "/backups/schedule").then().statusCode(303);
        assertThat(backups.schedule(Scope.of(tenant), server).on()).isFalse();
    }

    @Test
    void aBusyServerSaysWhyOnThePage() {
        servers.setStatus(server, GuestStatus.STOPPING); // as while a stop job works
        Csrf.form().post("/servers/" + server + "/backups").then().statusCode(422)
                .body(containsString("Only a running or stopped server can be backed up"));
        assertThat(backups.list(Scope.of(tenant), server)).isEmpty();
    }

    @jakarta.transaction.Transactional
    String lastJob() {
        return io.innkeeper.provisioning.job.Job.recentForGuest(server, 1).get(0).kind.name();
    }
}
