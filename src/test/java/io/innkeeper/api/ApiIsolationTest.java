package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The cross-tenant matrix and the reseller matrix: every operation with another tenant's ids answers 404 and
 * changes nothing; a reseller reaches its customers' objects and never another reseller's.
 */
@QuarkusTest
class ApiIsolationTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    /** One request of the matrix. */
    record Call(String method, String path, Object body) {
    }

    /** What a tenant owns, to aim the matrix at. */
    record Owned(String server, String job, String sshKey, String webhook, String event, String token,
            String invoice, String address) {
    }

    Owned own(ApiFixtures.Client owner, String ownerJwtTenantToken) {
        Fixtures.Catalog catalog = fixtures.catalog();
        String server = owner.api().body(Map.of("hostname", Fixtures.hostname("iso"), "region",
                catalog.region().toString(), "plan", catalog.plan().toString(), "template",
                catalog.template().toString())).post("/api/v1/servers").then().statusCode(202).extract()
                .path("server.id");
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(server)) == GuestStatus.RUNNING);
        owner.api().body(Map.of("name", "snap1")).post("/api/v1/servers/" + server + "/snapshots").then()
                .statusCode(202);
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(server)) == GuestStatus.RUNNING);
        String job = owner.api().queryParam("server", server).get("/api/v1/jobs").then().statusCode(200).extract()
                .path("items[0].id");
        String key = owner.api().body(Map.of("name", "k", "publicKey", SshKeyExamples.ED25519_SECOND))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        String hook = owner.api().body(Map.of("url", "https://example.com/hook")).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("webhook.id");
        String event = owner.api().get("/api/v1/events").then().statusCode(200).extract().path("items[0].id");
        // The invoice that bills the owner's servers: its own, or for a reseller's customer its reseller's.
        String invoice = api.invoice(owner.tenant(), java.time.YearMonth.of(2026, 1)).toString();
        String address = owner.api().get("/api/v1/servers/" + server + "/addresses").then().statusCode(200)
                .extract().path("[0].address");
        return new Owned(server, job, key, hook, event, ownerJwtTenantToken, invoice, address);
    }

    static List<Call> aimedAt(Owned o, String plan, String template) {
        String s = "/api/v1/servers/" + o.server();
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", s, null));
        calls.add(new Call("GET", s + "/snapshots", null));
        calls.add(new Call("GET", s + "/usage", null));
        calls.add(new Call("GET", s + "/addresses", null));
        calls.add(new Call("GET", s + "/console", null));
        calls.add(new Call("PUT", s + "/addresses/" + o.address() + "/reverse-dns",
                Map.of("ptr", "stolen.example.com")));
        calls.add(new Call("DELETE", s + "/addresses/" + o.address() + "/reverse-dns", null));
        for (String action : List.of("start", "stop", "reboot", "power-off")) {
            calls.add(new Call("POST", s + "/actions/" + action, null));
        }
        calls.add(new Call("POST", s + "/actions/reinstall", Map.of("template", template)));
        calls.add(new Call("POST", s + "/actions/resize", Map.of("plan", plan)));
        calls.add(new Call("POST", s + "/actions/rename", Map.of("hostname", "stolen.example.com")));
        calls.add(new Call("POST", s + "/snapshots", Map.of("name", "mine")));
        calls.add(new Call("POST", s + "/snapshots/snap1/revert", null));
        calls.add(new Call("DELETE", s + "/snapshots/snap1", null));
        calls.add(new Call("DELETE", s, null));
        calls.add(new Call("GET", "/api/v1/jobs/" + o.job(), null));
        calls.add(new Call("GET", "/api/v1/ssh-keys/" + o.sshKey(), null));
        calls.add(new Call("DELETE", "/api/v1/ssh-keys/" + o.sshKey(), null));
        calls.add(new Call("DELETE", "/api/v1/webhooks/" + o.webhook(), null));
        calls.add(new Call("GET", "/api/v1/events/" + o.event() + "/deliveries", null));
        calls.add(new Call("POST", "/api/v1/events/" + o.event() + "/replay", null));
        calls.add(new Call("GET", "/api/v1/invoices/" + o.invoice(), null));
        calls.add(new Call("GET", "/api/v1/invoices/" + o.invoice() + "/pdf", null));
        return calls;
    }

    static void expect(ApiFixtures.Client as, Call call, int status) {
        var request = as.api();
        if (call.body() != null) {
            request = request.body(call.body());
        }
        int got = request.request(call.method(), call.path()).then().extract().statusCode();
        assertThat(got).as(call.method() + " " + call.path()).isEqualTo(status);
    }

    @Test
    void everyOperationWithAnotherTenantsIdsAnswers404AndChangesNothing() {
        ApiFixtures.Client owner = api.customer("iso-owner");
        ApiFixtures.Client intruder = api.customer("iso-intruder");
        Fixtures.Catalog catalog = fixtures.catalog();
        Owned o = own(owner, null);
        long jobs = api.rows("job");
        for (Call call : aimedAt(o, catalog.plan().toString(), catalog.template().toString())) {
            expect(intruder, call, 404);
        }
        intruder.api().queryParam("server", o.server()).get("/api/v1/jobs").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
        intruder.api().get("/api/v1/servers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(o.server())));
        intruder.api().get("/api/v1/events").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(o.event())));
        intruder.api().get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(o.invoice())));
        intruder.api().queryParam("account", owner.tenant().toString()).get("/api/v1/invoices").then()
                .statusCode(404);
        intruder.api().body(Map.of("hostname", Fixtures.hostname("iso-for"), "region", catalog.region().toString(),
                "plan", catalog.plan().toString(), "template", catalog.template().toString(), "account",
                owner.tenant().toString())).post("/api/v1/servers").then().statusCode(404);

        assertThat(api.rows("job")).isEqualTo(jobs);
        owner.api().get("/api/v1/servers/" + o.server()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("RUNNING"));
        owner.api().get("/api/v1/ssh-keys/" + o.sshKey()).then().statusCode(200);
        owner.api().get("/api/v1/webhooks").then().body("id", org.hamcrest.Matchers.hasItem(o.webhook()));
        owner.api().get("/api/v1/servers/" + o.server() + "/snapshots").then()
                .body("name", org.hamcrest.Matchers.hasItem("snap1"));
        owner.api().get("/api/v1/invoices/" + o.invoice()).then().statusCode(200);
        assertThat(api.rows("reverse_dns where address = '" + o.address() + "'")).isZero();
    }

    @Test
    void aCustomerSeesNoDeliveriesToItsResellersEndpoints() {
        ApiFixtures.Client rita = api.reseller("dl-rita");
        ApiFixtures.Client carol = api.customerOf(rita, "dl-carol");
        String ritas = rita.api().body(Map.of("url", "http://127.0.0.1:9/rita")).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("webhook.id");
        String carols = carol.api().body(Map.of("url", "http://127.0.0.1:9/carol")).post("/api/v1/webhooks").then()
                .statusCode(201).extract().path("webhook.id");
        carol.api().body(Map.of("name", "k", "publicKey", SshKeyExamples.ED25519)).post("/api/v1/ssh-keys").then()
                .statusCode(201);
        String event = carol.api().get("/api/v1/events?limit=100").then().statusCode(200).extract()
                .path("items.find { it.type == 'account.ssh_key_added' }.id");
        String narrowed = api.token(rita.login(), rita.tenant(), io.innkeeper.account.TokenScope.WRITE,
                carol.tenant());
        String deliveries = "/api/v1/events/" + event + "/deliveries";

        carol.api().get(deliveries).then().statusCode(200)
                .body("endpoint", org.hamcrest.Matchers.contains(carols));
        given().header("Authorization", "Bearer " + narrowed).accept(ContentType.JSON).get(deliveries).then()
                .statusCode(200).body("endpoint", org.hamcrest.Matchers.contains(carols));
        rita.api().get(deliveries).then().statusCode(200)
                .body("endpoint", org.hamcrest.Matchers.containsInAnyOrder(carols, ritas));
    }

    @Test
    void anotherTenantsTokenCannotBeRevoked() {
        ApiFixtures.Client owner = api.customer("iso-tok");
        fixtures.customer("erin");
        String jwt = Keycloak.accessToken("erin");
        String ownerToken = api.tokenIdOf(owner.tenant());
        given().auth().oauth2(jwt).get("/api/v1/tokens").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ownerToken)));
        given().auth().oauth2(jwt).delete("/api/v1/tokens/" + ownerToken).then().statusCode(404)
                .contentType("application/problem+json");
        owner.api().get("/api/v1/account").then().statusCode(200);
    }

    @Test
    void resellerReachesItsCustomersAndNeverAnotherResellers() {
        Fixtures.Catalog catalog = fixtures.catalog();
        ApiFixtures.Client rita = api.reseller("rm-rita");
        ApiFixtures.Client carol = api.customerOf(rita, "rm-carol");
        ApiFixtures.Client rex = api.reseller("rm-rex");
        ApiFixtures.Client zed = api.customerOf(rex, "rm-zed");
        Owned carols = own(carol, null);
        Owned zeds = own(zed, null);

        // Rita orders for Carol, reads and changes Carol's server, lists it.
        rita.api().body(Map.of("hostname", Fixtures.hostname("rm-for-carol"), "region", catalog.region().toString(),
                "plan", catalog.plan().toString(), "template", catalog.template().toString(), "account",
                carol.tenant().toString())).post("/api/v1/servers").then().statusCode(202)
                .body("server.account", org.hamcrest.Matchers.equalTo(carol.tenant().toString()));
        rita.api().get("/api/v1/servers/" + carols.server()).then().statusCode(200);
        rita.api().get("/api/v1/jobs/" + carols.job()).then().statusCode(200);
        // Carol's server is on the test driver's node, which keeps no console log: the answer says so, not 404.
        rita.api().get("/api/v1/servers/" + carols.server() + "/console").then().statusCode(409)
                .contentType("application/problem+json");
        rita.api().get("/api/v1/ssh-keys/" + carols.sshKey()).then().statusCode(200);
        rita.api().post("/api/v1/servers/" + carols.server() + "/actions/reboot").then().statusCode(202);
        rita.api().body(Map.of("ptr", "carol.example.com")).put("/api/v1/servers/" + carols.server() + "/addresses/"
                + carols.address() + "/reverse-dns").then().statusCode(200)
                .body("ptr", org.hamcrest.Matchers.equalTo("carol.example.com"));
        rita.api().queryParam("account", carol.tenant().toString()).get("/api/v1/servers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(carols.server()));
        rita.api().get("/api/v1/sub-accounts/" + carol.tenant()).then().statusCode(200);
        // Carol is billed by Rita: the platform's invoice for Carol's servers is Rita's.
        rita.api().get("/api/v1/invoices/" + carols.invoice()).then().statusCode(200);
        rita.api().get("/api/v1/invoices").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(carols.invoice()));

        // Nothing of Rex's customer, whatever the operation.
        long jobs = api.rows("job");
        for (Call call : aimedAt(zeds, catalog.plan().toString(), catalog.template().toString())) {
            if (!call.path().contains("/webhooks/") && !call.path().contains("/replay")) {
                expect(rita, call, 404);
            }
        }
        for (Call call : List.of(new Call("GET", "/api/v1/sub-accounts/" + zed.tenant(), null),
                new Call("PUT", "/api/v1/sub-accounts/" + zed.tenant() + "/quota", Map.of("servers", 1, "vcpus", 1,
                        "memoryMib", 1, "diskGib", 1, "ipv4", 1, "snapshots", 1)),
                new Call("POST", "/api/v1/sub-accounts/" + zed.tenant() + "/suspend", Map.of("reason", "x")),
                new Call("POST", "/api/v1/sub-accounts/" + zed.tenant() + "/unsuspend", null),
                new Call("POST", "/api/v1/servers", Map.of("hostname", Fixtures.hostname("rm-x"), "region",
                        catalog.region().toString(), "plan", catalog.plan().toString(), "template",
                        catalog.template().toString(), "account", zed.tenant().toString())))) {
            expect(rita, call, 404);
        }
        rita.api().get("/api/v1/servers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(carols.server()))
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(zeds.server())));
        rita.api().get("/api/v1/sub-accounts").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(zed.tenant().toString())));
        assertThat(api.rows("job where guest_id = '" + zeds.server() + "' and kind <> 'CREATE' "
                + "and kind <> 'SNAPSHOT_CREATE'")).isZero();

        // A customer never reaches its reseller's or a sibling's objects.
        ApiFixtures.Client sibling = api.customerOf(rita, "rm-sib");
        expect(sibling, new Call("GET", "/api/v1/servers/" + carols.server(), null), 404);
        expect(carol, new Call("GET", "/api/v1/invoices/" + carols.invoice(), null), 404);
        expect(carol, new Call("GET", "/api/v1/invoices/" + carols.invoice() + "/pdf", null), 404);
        assertThat(api.rows("job")).isGreaterThanOrEqualTo(jobs);
    }
}
