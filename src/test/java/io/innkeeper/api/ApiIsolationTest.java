package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The cross-tenant matrix and the reseller matrix, drawn from the OpenAPI document so a new operation is in them
 * without anyone listing it: every operation with another tenant's ids answers 404 and changes nothing; a reseller
 * reaches its customers' objects and never another reseller's.
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

    @Inject
    Invitations invitations;

    /** One request of the matrix. */
    record Call(String method, String path, Object body) {
    }

    /** What a tenant owns, to aim the matrix at. */
    record Owned(String server, String job, String sshKey, String webhook, String event, String token,
            String invoice, String address, String account, String invitation, String backup) {
    }

    /**
     * What each path parameter of the API names, by the path segment before it: the other tenant's object of that
     * kind, or (second) an id that names nothing. A new kind of path parameter fails the test until it is added.
     */
    static final Map<String, java.util.function.Function<Owned, String>> KINDS = Map.ofEntries(
            Map.entry("servers", Owned::server), Map.entry("jobs", Owned::job), Map.entry("ssh-keys", Owned::sshKey),
            Map.entry("webhooks", Owned::webhook), Map.entry("events", Owned::event), Map.entry("tokens", Owned::token),
            Map.entry("invoices", Owned::invoice), Map.entry("addresses", Owned::address),
            Map.entry("sub-accounts", Owned::account), Map.entry("snapshots", o -> "snap1"),
            Map.entry("invitations", Owned::invitation), Map.entry("backups", Owned::backup));

    /**
     * Path parameters that name no tenant's object, by the segment before them, and why: the matrix does not aim
     * another tenant at them. Each says which test holds its answers.
     */
    static final Map<String, String> PUBLIC = Map.of(
            "regions", "the catalog is the same for every account; ApiCatalogStockTest reads regions by id and code",
            "plans", "the catalog is the same for every account; ApiCatalogStockTest reads plans by id and code",
            "templates", "the catalog is the same for every account; ApiCatalogStockTest reads templates by code");

    /** Whether a path of the document names a public catalog object (see {@link #PUBLIC}). */
    static boolean isPublic(String path) {
        String[] segments = path.substring(1).split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].startsWith("{") && PUBLIC.containsKey(segments[i - 1])) {
                return true;
            }
        }
        return false;
    }

    /** The bodies of the server actions that take one; the others are sent without. */
    static Map<String, Object> actionBodies(String plan, String template) {
        return Map.of("reinstall", Map.of("template", template), "resize", Map.of("plan", plan), "rename",
                Map.of("hostname", "stolen.example.com"), "reset-password", Map.of("password", "Stolen-Pass-1234"));
    }

    private static String management() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port",
                Integer.class);
        return "http://localhost:" + port;
    }

    /** The API's OpenAPI document, as served on the management port. */
    static JsonNode openApi() {
        try {
            return new ObjectMapper().readTree(given().queryParam("format", "json").get(management() + "/q/openapi")
                    .then().statusCode(200).extract().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path filled so far: with the other tenant's ids, with ids that name nothing, and the action it names. */
    record Filled(String call, String nothing, String action) {
        Filled then(String other, String none, String named) {
            return new Filled(call + "/" + other, nothing + "/" + none, named);
        }
    }

    /** One operation of the document, aimed at another tenant's objects, and the same with ids that name nothing. */
    record Aimed(Call call, Call nothing) {
    }

    /**
     * Every operation of the OpenAPI document on an /api/v1 path with a path parameter, once per value of an
     * enumerated parameter, each parameter filled from {@link #KINDS} (the test fails on one it cannot fill).
     */
    static List<Aimed> fromOpenApi(JsonNode doc, Owned o, String plan, String template) {
        Map<String, Object> actionBodies = actionBodies(plan, template);
        List<Aimed> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/") || !path.getKey().contains("{") || isPublic(path.getKey())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                List<Filled> filled = new ArrayList<>();
                filled.add(new Filled("", "", null));
                String[] segments = path.getKey().substring(1).split("/");
                for (int i = 0; i < segments.length; i++) {
                    String segment = segments[i];
                    List<Filled> next = new ArrayList<>();
                    if (!segment.startsWith("{")) {
                        filled.forEach(f -> next.add(f.then(segment, segment, f.action())));
                    } else {
                        String name = segment.substring(1, segment.length() - 1);
                        List<String> values = enumerated(op.getValue(), name);
                        if (!values.isEmpty()) {
                            for (Filled f : filled) {
                                values.forEach(v -> next.add(f.then(v, v, v)));
                            }
                        } else {
                            String before = i == 0 ? "" : segments[i - 1];
                            var kind = KINDS.get(before);
                            assertThat(kind).as(method + " " + path.getKey() + ": ApiIsolationTest.KINDS has no "
                                    + "kind of object for {" + name + "} after '" + before + "'; add one").isNotNull();
                            String nothing = before.equals("addresses") ? "192.0.2.77"
                                    : before.equals("snapshots") ? "no-such-snapshot" : UUID.randomUUID().toString();
                            filled.forEach(f -> next.add(f.then(kind.apply(o), nothing, f.action())));
                        }
                    }
                    filled = next;
                }
                for (Filled f : filled) {
                    Object body = f.action() != null ? actionBodies.get(f.action()) : example(op.getValue());
                    out.add(new Aimed(new Call(method, f.call(), body), new Call(method, f.nothing(), body)));
                }
            }
        }
        return out;
    }

    /** The values an enumerated path parameter takes, or none when it is an id. */
    private static List<String> enumerated(JsonNode operation, String name) {
        List<String> values = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name) && parameter.path("in").asText().equals("path")) {
                parameter.at("/schema/enum").forEach(v -> values.add(v.asText()));
            }
        }
        return values;
    }

    /** The first example body of the operation, or null when it takes none. */
    private static Object example(JsonNode operation) {
        JsonNode examples = operation.at("/requestBody/content/application~1json/examples");
        if (examples.isMissingNode() || !examples.elements().hasNext()) {
            return null;
        }
        return examples.elements().next().get("value").toString();
    }

    Owned own(ApiFixtures.Client owner) {
        Fixtures.Catalog catalog = fixtures.catalog();
        String server = owner.api().body(Map.of("hostname", Fixtures.hostname("iso"), "region",
                catalog.region().toString(), "plan", catalog.plan().toString(), "template",
                catalog.template().toString())).post("/api/v1/servers").then().statusCode(202).extract()
                .path("server.id");
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(server)) == GuestStatus.RUNNING);
        owner.api().body(Map.of("name", "snap1")).post("/api/v1/servers/" + server + "/snapshots").then()
                .statusCode(202);
        await().atMost(SETTLE).until(() -> servers.status(UUID.fromString(server)) == GuestStatus.RUNNING);
        String backup = owner.api().post("/api/v1/servers/" + server + "/backups").then().statusCode(202).extract()
                .path("backup.id");
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
        // An invitation to the owner's account, made as an admin would (its owner may be a reseller's customer).
        String invitation = invitations.invite(ApiFixtures.ADMIN, new Invitations.Authority.Admin(), owner.tenant(),
                io.innkeeper.testing.Mailbox.freshAddress("iso"), "MEMBER").id().toString();
        return new Owned(server, job, key, hook, event, api.tokenIdOf(owner.tenant()), invoice, address,
                owner.tenant().toString(), invitation, backup);
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
        assertThat(status(as, call)).as(call.method() + " " + call.path()).isEqualTo(status);
    }

    static int status(ApiFixtures.Client as, Call call) {
        var request = as.api();
        if (call.body() != null) {
            request = request.body(call.body());
        }
        return request.request(call.method(), call.path()).then().extract().statusCode();
    }

    /**
     * Every operation of the OpenAPI document with another tenant's ids answers 404: the operations of
     * {@link #aimedAt} exactly so, any other also 403, 405 or 415 when the same call with ids that name nothing
     * answers the same (an operation the caller may not use at all, whatever the id). Never 2xx, never 500.
     */
    static void expectNotFoundEverywhere(ApiFixtures.Client as, Owned o, String plan, String template,
            java.util.function.Predicate<Call> skip) {
        List<Aimed> aimed = fromOpenApi(openApi(), o, plan, template);
        List<String> derived = aimed.stream().map(a -> a.call().method() + " " + a.call().path()).toList();
        List<Call> listed = aimedAt(o, plan, template).stream().filter(c -> !skip.test(c)).toList();
        for (Call call : listed) {
            assertThat(derived).as("the OpenAPI document has every listed operation")
                    .contains(call.method() + " " + call.path());
        }
        List<String> wrong = new ArrayList<>();
        for (Aimed a : aimed) {
            if (skip.test(a.call())) {
                continue;
            }
            int got = status(as, a.call());
            boolean listedCall = listed.stream().anyMatch(c -> c.method().equals(a.call().method())
                    && c.path().equals(a.call().path()));
            if (got != 404 && (listedCall || !List.of(403, 405, 415).contains(got)
                    || status(as, a.nothing()) != got)) {
                wrong.add(a.call().method() + " " + a.call().path() + " -> " + got);
            }
        }
        assertThat(wrong).as("operations that did not answer 404 with another tenant's ids").isEmpty();
        assertThat(aimed.size()).isGreaterThanOrEqualTo(listed.size());
    }

    @Test
    void everyOperationWithAnotherTenantsIdsAnswers404AndChangesNothing() {
        ApiFixtures.Client owner = api.customer("iso-owner");
        ApiFixtures.Client intruder = api.customer("iso-intruder");
        Fixtures.Catalog catalog = fixtures.catalog();
        Owned o = own(owner);
        long jobs = api.rows("job");
        expectNotFoundEverywhere(intruder, o, catalog.plan().toString(), catalog.template().toString(), c -> false);
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
        intruder.api().queryParam("month", "2026-01").queryParam("account", owner.tenant().toString())
                .get("/api/v1/usage").then().statusCode(404);
        intruder.api().queryParam("status", "DELETED").get("/api/v1/servers").then().statusCode(200)
                .body("items.account", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(
                        owner.tenant().toString())));
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
        Owned carols = own(carol);
        Owned zeds = own(zed);

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
        expectNotFoundEverywhere(rita, zeds, catalog.plan().toString(), catalog.template().toString(), c -> false);
        for (Call call : List.of(new Call("GET", "/api/v1/sub-accounts/" + zed.tenant(), null),
                new Call("PUT", "/api/v1/sub-accounts/" + zed.tenant() + "/quota", Map.of("servers", 1, "vcpus", 1,
                        "memoryMib", 1, "diskGib", 1, "ipv4", 1, "snapshots", 1)),
                new Call("POST", "/api/v1/sub-accounts/" + zed.tenant() + "/suspend", Map.of("reason", "x")),
                new Call("POST", "/api/v1/sub-accounts/" + zed.tenant() + "/unsuspend", null),
                new Call("DELETE", "/api/v1/sub-accounts/" + carol.tenant() + "/invitations/" + zeds.invitation(),
                        null),
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
                + "and kind <> 'SNAPSHOT_CREATE' and kind <> 'BACKUP_CREATE'")).isZero();

        // A customer never reaches its reseller's or a sibling's objects.
        ApiFixtures.Client sibling = api.customerOf(rita, "rm-sib");
        expect(sibling, new Call("GET", "/api/v1/servers/" + carols.server(), null), 404);
        expect(carol, new Call("GET", "/api/v1/invoices/" + carols.invoice(), null), 404);
        expect(carol, new Call("GET", "/api/v1/invoices/" + carols.invoice() + "/pdf", null), 404);
        assertThat(api.rows("job")).isGreaterThanOrEqualTo(jobs);
    }
}
