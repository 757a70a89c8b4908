package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.orders.ReverseDns;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The server page renames, sets reverse DNS, draws usage graphs and shows the job history and console state. */
@QuarkusTest
@TestSecurity(user = "sally", roles = "customer")
class ServerSettingsPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    EntityManager em;

    Fixtures.Catalog catalog;
    UUID server;
    String hostname;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("sally");
        hostname = Fixtures.hostname("named");
        server = servers.order(tenant, catalog, hostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void renamesWithValidationAndUniqueness() {
        String renamed = Fixtures.hostname("renamed");
        Csrf.form().formParam("hostname", renamed.toUpperCase()).post("/servers/" + server + "/rename").then()
                .statusCode(303);
        assertThat(hostnameOf(server)).isEqualTo(renamed);
        given().get("/servers/" + server).then().body(containsString("<h1>" + renamed + "</h1>"));

        Csrf.form().formParam("hostname", "bad_name!").post("/servers/" + server + "/rename").then().statusCode(422)
                .body(containsString("Use only letters, digits and hyphens"));
        String other = Fixtures.hostname("other");
        servers.order(fixtures.customer("sally"), catalog, other);
        Csrf.form().formParam("hostname", other).post("/servers/" + server + "/rename").then().statusCode(422)
                .body(containsString("You already have a server called " + other));
        assertThat(hostnameOf(server)).isEqualTo(renamed);
    }

    @Test
    void setsAndClearsReverseDnsForItsOwnAddressesOnly() {
        String ip = servers.addresses(server).get(0);
        Csrf.form().formParam("address", ip).formParam("ptr", "Mail.Example.com.").post("/servers/" + server
                + "/reverse-dns").then().statusCode(303);
        assertThat(ptrOf(ip)).isEqualTo("mail.example.com");
        given().get("/servers/" + server).then().body(containsString("value=\"mail.example.com\""));

        Csrf.form().formParam("address", ip).formParam("ptr", "not a name").post("/servers/" + server
                + "/reverse-dns").then().statusCode(422).body(containsString("Use only letters"));
        Csrf.form().formParam("address", ip).formParam("ptr", "localhost").post("/servers/" + server
                + "/reverse-dns").then().statusCode(422).body(containsString("full domain name"));
        Csrf.form().formParam("address", "192.0.2.250").formParam("ptr", "x.example.com").post("/servers/" + server
                + "/reverse-dns").then().statusCode(422).body(containsString("Choose one of this server"));
        assertThat(ptrOf("192.0.2.250")).isNull();

        Csrf.form().formParam("address", ip).formParam("ptr", "").post("/servers/" + server + "/reverse-dns").then()
                .statusCode(303);
        assertThat(ptrOf(ip)).isNull();
    }

    @Test
    void drawsUsageFromMeterSamplesForEachRange() {
        sample(server, 30, 60_000_000_000L, 5_000_000, 2_000_000);
        sample(server, 90, 30_000_000_000L, 1_000_000, 0);
        String page = given().get("/servers/" + server).then().statusCode(200).extract().asString();
        assertThat(page).contains("Usage over the last day").contains("id=\"chart-cpu\"").contains("<polyline")
                .contains("Network · peak").contains("id=\"console\"");
        Labels.assertEveryFieldLabelled(page);

        String week = given().header("HX-Request", "true").header("HX-Target", "usage").queryParam("range", "week")
                .get("/servers/" + server).then().statusCode(200).extract().asString();
        assertThat(week.strip()).startsWith("<section class=\"card\" id=\"usage\"").contains("last week")
                .contains("<polyline").doesNotContain("<html");
    }

    @Test
    void showsTheJobHistoryWithProgress() {
        Csrf.form().post("/servers/" + server + "/reboot").then().statusCode(303);
        given().get("/servers/" + server).then().body(containsString("Job history"),
                containsString("data-job=\"CREATE\""), containsString("data-job=\"REBOOT\""),
                not(containsString("No activity yet")));
    }

    @Test
    void resetsTheRootPasswordAndRebootsARunningServer() {
        Csrf.form().formParam("rootPassword", "short").post("/servers/" + server + "/root-password").then()
                .statusCode(422).body(containsString("Use 12 to 128 characters."));
        Csrf.form().formParam("rootPassword", "a much longer password").post("/servers/" + server
                + "/root-password").then().statusCode(303);
        given().get("/servers/" + server).then().body(containsString("data-job=\"REBOOT\""),
                containsString("Reset root password"));
    }

    @Transactional
    String hostnameOf(UUID id) {
        return Server.<Server>findById(id).hostname;
    }

    @Transactional
    String ptrOf(String ip) {
        ReverseDns row = ReverseDns.findById(ip);
        return row == null ? null : row.ptr;
    }

    @Transactional
    void sample(UUID guest, int minutesAgo, long cpuNs, long netBytes, long diskBytes) {
        em.createNativeQuery("insert into meter_sample (guest_id, node_id, taken_at, series, cpu_ns_delta, "
                + "net_rx_delta, net_tx_delta, block_read_delta, block_write_delta) select g.id, g.node_id, "
                + "now() - make_interval(mins => :m), 1, :cpu, :net, 0, :disk, 0 from guest g where g.id = :g")
                .setParameter("m", minutesAgo).setParameter("cpu", cpuNs).setParameter("net", netBytes)
                .setParameter("disk", diskBytes).setParameter("g", guest).executeUpdate();
    }
}
