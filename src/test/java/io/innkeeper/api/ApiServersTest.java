package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.ConsoleNode;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SilentNode;

/** Every server, job and catalog operation of the API, through HTTP, against the real services and test driver. */
@QuarkusTest
class ApiServersTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    PlanCatalog plans;

    @Inject
    ConsoleNode consoleNode;

    @Inject
    SilentNode silentNode;

    Fixtures.Catalog catalog;
    ApiFixtures.Client client;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        client = api.customer("srv");
    }

    Map<String, Object> order(String hostname) {
        return Map.of("hostname", hostname, "region", catalog.region().toString(), "plan",
                catalog.plan().toString(), "template", catalog.template().toString());
    }

    String create(String hostname) {
        return client.api().body(order(hostname)).post("/api/v1/servers").then().statusCode(202)
                .extract().path("server.id");
    }

    void awaitStatus(String id, GuestStatus status) {
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(id)) == status);
    }

    @Test
    void catalogListsRegionsPlansAndTemplates() {
        client.api().get("/api/v1/regions").then().statusCode(200).body("code", hasItem("test-region"));
        client.api().get("/api/v1/plans").then().statusCode(200).body("code", hasItem("t-1"))
                .body("find { it.code == 't-1' }.hourly.currency", equalTo("EUR"));
        client.api().get("/api/v1/templates").then().statusCode(200).body("code", hasItem("t-debian"));
        client.api().get("/api/v1/account").then().statusCode(200).body("quota.servers", equalTo(20))
                .body("usage.servers", equalTo(0));
    }

    @Test
    void createAnswers202WithTheJobAndReplaysTheSameKey() {
        String hostname = Fixtures.hostname("api-create");
        Map<String, Object> body = new java.util.HashMap<>(order(hostname));
        body.put("externalRef", "crm-" + UUID.randomUUID());
        var first = client.api().header("Idempotency-Key", "k-" + hostname).body(body).post("/api/v1/servers")
                .then().statusCode(202).body("server.hostname", equalTo(hostname))
                .body("server.externalRef", equalTo(body.get("externalRef")))
                .body("job.kind", equalTo("CREATE")).header("Location", notNullValue()).extract();
        String id = first.path("server.id");
        client.api().header("Idempotency-Key", "k-" + hostname).body(body).post("/api/v1/servers").then()
                .statusCode(202).header("Idempotent-Replayed", "true").body("server.id", equalTo(id));
        long before = servers.withHostname(hostname);
        Map<String, Object> other = new java.util.HashMap<>(body);
        other.put("hostname", Fixtures.hostname("api-other"));
        client.api().header("Idempotency-Key", "k-" + hostname).body(other).post("/api/v1/servers").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.Idempotency-Key", notNullValue());
        assertThat(servers.withHostname(hostname)).isEqualTo(before).isEqualTo(1);
        assertThat(servers.withHostname((String) other.get("hostname"))).isZero();

        client.api().get("/api/v1/servers/" + id).then().statusCode(200).body("hostname", equalTo(hostname))
                .body("addresses.size()", equalTo(2));
        client.api().queryParam("externalRef", body.get("externalRef")).get("/api/v1/servers").then()
                .statusCode(200).body("items.id", equalTo(List.of(id)));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().queryParam("status", "running").get("/api/v1/servers").then().statusCode(200)
                .body("items.id", hasItem(id));
        client.api().queryParam("status", "stopped").get("/api/v1/servers").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void listPagesWithACursorWithoutOverlap() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(create(Fixtures.hostname("api-page" + i)));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = client.api().queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/servers").then().statusCode(200).extract();
            List<String> ids = page.path("items.id");
            assertThat(ids.size()).isLessThanOrEqualTo(2);
            for (String id : ids) {
                assertThat(seen.add(id)).as("no server on two pages").isTrue();
            }
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).isEqualTo(made);
        assertThat(pages).isEqualTo(3);
        client.api().queryParam("hostname", "api-page3").get("/api/v1/servers").then().statusCode(200)
                .body("items.size()", equalTo(1));
    }

    @Test
    void dryRunAnswersFitAndPriceAndReservesNothing() {
        long rows = api.rows("server") + api.rows("guest") + api.rows("job") + api.rows("ip_address where guest_id is not null");
        client.api().body(order(Fixtures.hostname("api-dry"))).post("/api/v1/servers/dry-run").then()
                .statusCode(200).body("fits", equalTo(true)).body("node", equalTo("test-node-1"))
                .body("monthly.amount", equalTo("3.00"));
        Map<String, Object> bad = new java.util.HashMap<>(order("-bad-"));
        client.api().body(bad).post("/api/v1/servers/dry-run").then().statusCode(200)
                .body("fits", equalTo(false)).body("refusals.hostname", notNullValue());
        assertThat(api.rows("server") + api.rows("guest") + api.rows("job")
                + api.rows("ip_address where guest_id is not null")).isEqualTo(rows);
    }

    @Test
    void actionsAnswer202WithTheirJob() {
        String bigger = plans.publish(Actor.SYSTEM, new PlanSpec("api-big", "API Big", "kvm", 2, 1024, 20, 1000,
                1000, null, null, 1024, null, new BigDecimal("0.0100"), new BigDecimal("6.00"), "EUR", true)).id
                .toString();
        String id = create(Fixtures.hostname("api-act"));
        awaitStatus(id, GuestStatus.RUNNING);
        String path = "/api/v1/servers/" + id + "/actions/";
        String job = client.api().post(path + "reboot").then().statusCode(202).body("job.kind", equalTo("REBOOT"))
                .extract().path("job.id");
        client.api().get("/api/v1/jobs/" + job).then().statusCode(200).body("server", equalTo(id));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().post(path + "stop").then().statusCode(202).body("job.kind", equalTo("STOP"));
        awaitStatus(id, GuestStatus.STOPPED);
        client.api().post(path + "start").then().statusCode(202).body("job.kind", equalTo("START"));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().post(path + "power-off").then().statusCode(202).body("job.kind", equalTo("POWER_OFF"));
        awaitStatus(id, GuestStatus.STOPPED);
        client.api().body(Map.of("plan", bigger)).post(path + "resize").then().statusCode(202)
                .body("job.kind", equalTo("RESIZE"));
        awaitStatus(id, GuestStatus.STOPPED);
        client.api().get("/api/v1/servers/" + id).then().body("plan.code", equalTo("api-big"))
                .body("vcpus", equalTo(2));
        client.api().body(Map.of("template", catalog.template().toString())).post(path + "reinstall").then()
                .statusCode(202).body("job.kind", equalTo("REINSTALL"));
        awaitStatus(id, GuestStatus.RUNNING);
        String renamed = Fixtures.hostname("api-renamed");
        client.api().body(Map.of("hostname", renamed)).post(path + "rename").then().statusCode(200)
                .body("hostname", equalTo(renamed));

        client.api().body(Map.of("name", "before-upgrade")).post("/api/v1/servers/" + id + "/snapshots").then()
                .statusCode(202).body("job.kind", equalTo("SNAPSHOT_CREATE"));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().get("/api/v1/servers/" + id + "/snapshots").then().statusCode(200)
                .body("name", equalTo(List.of("before-upgrade")));
        client.api().post("/api/v1/servers/" + id + "/snapshots/before-upgrade/revert").then().statusCode(202)
                .body("job.kind", equalTo("SNAPSHOT_REVERT"));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().delete("/api/v1/servers/" + id + "/snapshots/before-upgrade").then().statusCode(202)
                .body("job.kind", equalTo("SNAPSHOT_DELETE"));
        awaitStatus(id, GuestStatus.RUNNING);

        client.api().queryParam("server", id).get("/api/v1/jobs").then().statusCode(200)
                .body("items.kind", hasItem("CREATE")).body("items.kind", hasItem("SNAPSHOT_DELETE"));
        client.api().delete("/api/v1/servers/" + id).then().statusCode(202).body("job.kind", equalTo("DELETE"));
        await().atMost(SETTLE).until(() -> servers.deleted(UUID.fromString(id)));
        client.api().get("/api/v1/servers/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void orderPutsAccountSshKeysOnTheServerAndPasswordResetReboots() {
        String key = client.api().body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        Map<String, Object> body = new java.util.HashMap<>(order(Fixtures.hostname("api-keys")));
        body.put("sshKeys", List.of(key));
        String id = client.api().body(body).post("/api/v1/servers").then().statusCode(202).extract()
                .path("server.id");
        assertThat(api.rows("guest_access where guest_id = '" + id + "' and ssh_keys like '%"
                + SshKeyExamples.ED25519.split(" ")[1].substring(0, 40) + "%'")).isEqualTo(1);
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().body(Map.of("password", "correct horse battery staple"))
                .post("/api/v1/servers/" + id + "/actions/reset-password").then().statusCode(202)
                .body("job.kind", equalTo("REBOOT"));
        assertThat(api.rows("guest_access where guest_id = '" + id + "' and root_password_hash like '$6$%'"))
                .isEqualTo(1);
        body.put("hostname", Fixtures.hostname("api-nokey"));
        body.put("sshKeys", List.of(UUID.randomUUID().toString()));
        client.api().body(body).post("/api/v1/servers").then().statusCode(400).body("errors.sshKeys", notNullValue());
        assertThat(servers.withHostname((String) body.get("hostname"))).isZero();
    }

    @Test
    void usageSumsTheServersMeterSamplesInTheWindow() {
        String id = create(Fixtures.hostname("api-usage"));
        api.sql("insert into meter_sample (guest_id, node_id, taken_at, series, cpu_ns_delta, net_rx_delta, "
                + "net_tx_delta, block_read_delta, block_write_delta) select g.id, g.node_id, t, 1, 2000000000, 10, 20, "
                + "30, 40 from guest g, (values (timestamptz '2026-01-10T00:00:00Z'), (timestamptz '2026-01-11T00:00:00Z'),"
                + " (timestamptz '2026-03-01T00:00:00Z')) v(t) where g.id = cast(?1 as uuid)", id);
        client.api().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z")
                .get("/api/v1/servers/" + id + "/usage").then().statusCode(200).body("samples", equalTo(2))
                .body("cpuSeconds", equalTo(4)).body("netTxBytes", equalTo(40)).body("diskWriteBytes", equalTo(80));
        client.api().queryParam("from", "yesterday").get("/api/v1/servers/" + id + "/usage").then()
                .statusCode(400).body("errors.from", notNullValue());
    }

    @Test
    void refusalsNameTheFieldAndStoreNothing() {
        String id = create(Fixtures.hostname("api-refuse"));
        awaitStatus(id, GuestStatus.RUNNING);
        client.api().post("/api/v1/servers/" + id + "/actions/start").then().statusCode(400)
                .contentType("application/problem+json").body("errors.form", notNullValue());
        client.api().body(Map.of("plan", catalog.plan().toString())).post("/api/v1/servers/" + id
                + "/actions/resize").then().statusCode(400).body("errors.plan", notNullValue());
        client.api().post("/api/v1/servers/" + id + "/actions/teleport").then().statusCode(404);
    }

    @Test
    void reverseDnsIsListedSetAndClearedPerAddress() {
        String id = create(Fixtures.hostname("rdns"));
        String s = "/api/v1/servers/" + id;
        List<String> addresses = client.api().get(s + "/addresses").then().statusCode(200)
                .body("ptr", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()))
                .body("family", hasItem("ipv4")).extract().path("address");
        assertThat(addresses).isNotEmpty();
        String ip = addresses.get(0);

        client.api().body(Map.of("ptr", "Mail.Example.com.")).put(s + "/addresses/" + ip + "/reverse-dns").then()
                .statusCode(200).body("address", equalTo(ip)).body("ptr", equalTo("mail.example.com"));
        client.api().get(s + "/addresses").then().statusCode(200)
                .body("find { it.address == '" + ip + "' }.ptr", equalTo("mail.example.com"));
        client.api().queryParam("after", 0).get("/api/v1/events").then().statusCode(200)
                .body("items.findAll { it.subject == '" + id + "' }.type", hasItem("server.reverse_dns_changed"));

        String reader = api.token(client.login(), client.tenant(), io.innkeeper.account.TokenScope.READ, null);
        io.restassured.RestAssured.given().auth().oauth2(reader).contentType("application/json")
                .body(Map.of("ptr", "other.example.com")).put(s + "/addresses/" + ip + "/reverse-dns").then()
                .statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(reader).delete(s + "/addresses/" + ip + "/reverse-dns")
                .then().statusCode(403);
        client.api().body(Map.of("ptr", "x.example.com")).put(s + "/addresses/192.0.2.254/reverse-dns").then()
                .statusCode(404).contentType("application/problem+json");

        client.api().delete(s + "/addresses/" + ip + "/reverse-dns").then().statusCode(200)
                .body("ptr", org.hamcrest.Matchers.nullValue());
        client.api().get(s + "/addresses").then().statusCode(200)
                .body("find { it.address == '" + ip + "' }.ptr", org.hamcrest.Matchers.nullValue());
    }

    /**
     * A read token reads the console: the test driver's node keeps none (409, said in the detail); a node with a log
     * sends its cleaned end, as much as asked for (the local libvirtd, where bin/test runs one); a node that does not
     * answer is 503 with Retry-After once the read's time bound (5 s) is over.
     */
    @Test
    void consoleIsReadWithAReadTokenAndSaysWhyWhenTheNodeHasNone() throws Exception {
        String id = create(Fixtures.hostname("console"));
        awaitStatus(id, GuestStatus.RUNNING);
        String s = "/api/v1/servers/" + id + "/console";
        String reader = api.token(client.login(), client.tenant(), io.innkeeper.account.TokenScope.READ, null);
        io.restassured.RestAssured.given().auth().oauth2(reader).accept("application/json").get(s).then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("keeps no console log"));

        UUID server = UUID.fromString(id);
        if (ConsoleNode.available()) {
            String older = "old boot line\n".repeat(100);
            consoleNode.attach(server, older + "\u001b[0;32mOK\u001b[0m Reached target <b>\r\nconsole login: ");
            try {
                io.restassured.RestAssured.given().auth().oauth2(reader).get(s).then().statusCode(200)
                        .contentType("application/json").body("state", equalTo("SHOWN"))
                        .body("truncated", equalTo(false)).body("totalBytes", equalTo(1449))
                        .body("text", equalTo(older + "OK Reached target <b>\nconsole login: "))
                        .body("readAt", notNullValue());
                // The last 40 bytes start inside the line of OK: the text starts at the next whole line.
                io.restassured.RestAssured.given().auth().oauth2(reader).queryParam("bytes", 40).get(s).then()
                        .statusCode(200).body("truncated", equalTo(true)).body("totalBytes", equalTo(1449))
                        .body("text", equalTo("console login: "));
            } finally {
                consoleNode.detach(server);
            }
        }

        long started = System.nanoTime();
        try (SilentNode.Attached silent = silentNode.attach(server)) {
            io.restassured.response.ExtractableResponse<io.restassured.response.Response> answer = client.api().get(s)
                    .then().extract();
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).isEqualTo("5");
            assertThat(answer.<String>path("detail")).contains("did not send its console log in time");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4),
                Duration.ofSeconds(15));
    }
}
