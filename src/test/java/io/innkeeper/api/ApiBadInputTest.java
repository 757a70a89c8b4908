package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import io.innkeeper.testing.Fixtures;

/**
 * The bad-input matrix: malformed JSON, wrong types, out-of-range numbers, oversized bodies, bad hostnames, SSH
 * keys, URLs and query parameters, unknown fields. Each answers 4xx problem+json naming the field, none 500, and no
 * table of the API gains a row.
 */
@QuarkusTest
class ApiBadInputTest {

    private static final List<String> TABLES = List.of("server", "guest", "job", "ssh_key", "api_token", "tenant",
            "webhook_endpoint", "api_idempotency", "external_ref", "quota", "snapshot", "reverse_dns");

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    /** One bad request: what is sent and the status and field the answer must name. */
    record Case(String method, String path, String body, int status, String field) {
    }

    @Test
    void everyBadRequestAnswers4xxProblemJsonAndStoresNothing() {
        Fixtures.Catalog c = fixtures.catalog();
        ApiFixtures.Client client = api.customer("bad");
        ApiFixtures.Client reseller = api.reseller("bad-res");
        ApiFixtures.Client customer = api.customerOf(reseller, "bad-sub");
        String server = client.api().body(Map.of("hostname", Fixtures.hostname("bad-srv"), "region",
                c.region().toString(), "plan", c.plan().toString(), "template", c.template().toString()))
                .post("/api/v1/servers").then().statusCode(202).extract().path("server.id");
        String good = "\"region\":\"" + c.region() + "\",\"plan\":\"" + c.plan() + "\",\"template\":\""
                + c.template() + "\"";
        String big = "{\"hostname\":\"" + "a".repeat(70_000) + "\"}";
        String s = "/api/v1/servers/" + server;
        String ip = client.api().get(s + "/addresses").then().statusCode(200).extract().path("[0].address");
        String rdns = s + "/addresses/" + ip + "/reverse-dns";

        List<Case> cases = new ArrayList<>(List.of(
                new Case("POST", "/api/v1/servers", "{\"hostname\":", 400, "body"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"x.example.com\",,}", 400, "body"),
                new Case("POST", "/api/v1/servers", "", 400, "body"),
                new Case("POST", "/api/v1/servers", "null", 400, "body"),
                new Case("POST", "/api/v1/servers", "[]", 400, "body"),
                new Case("POST", "/api/v1/servers", "{} {}", 400, "body"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"a.example.com\"," + good + ",\"bogus\":1}", 400,
                        "bogus"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":5," + good + "}", 400, "hostname"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":[\"a\"]," + good + "}", 400, "hostname"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"a.example.com\",\"region\":\"nope\"}", 400,
                        "region"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"-bad-.example.com\"," + good + "}", 400,
                        "hostname"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"" + "a".repeat(300) + ".com\"," + good + "}",
                        400, "hostname"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"ok.example.com\"," + good
                        + ",\"externalRef\":\"\"}", 400, "externalRef"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"ok.example.com\",\"region\":\"" + UUID.randomUUID()
                        + "\",\"plan\":\"" + c.plan() + "\",\"template\":\"" + c.template() + "\"}", 400, "region"),
                new Case("POST", "/api/v1/servers", big, 413, null),
                new Case("POST", "/api/v1/servers/dry-run", "{\"hostname\":true}", 400, "hostname"),
                new Case("POST", s + "/actions/resize", "{\"plan\":12}", 400, "plan"),
                new Case("POST", s + "/actions/resize", "{}", 400, "plan"),
                new Case("POST", s + "/actions/rename", "{\"hostname\":\"under_score!\"}", 400, "hostname"),
                new Case("POST", s + "/actions/reboot", "{\"force\":true}", 400, "force"),
                new Case("POST", s + "/snapshots", "{\"name\":\"no spaces allowed\"}", 400, "name"),
                new Case("POST", s + "/snapshots", "{\"name\":\"" + "n".repeat(100) + "\"}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"k\",\"publicKey\":\"ssh-ed25519 AAAA\"}", 400,
                        "publicKey"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"k\",\"publicKey\":\"" + SshKeyExamples.RSA_1024
                        + "\"}", 400, "publicKey"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"\",\"publicKey\":\"" + SshKeyExamples.ED25519
                        + "\"}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"k\",\"publicKey\":42}", 400, "publicKey"),
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\"}", 400, "url"),
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"not a url\"}", 400, "url"),
                new Case("GET", "/api/v1/servers?limit=0", null, 400, "limit"),
                new Case("GET", "/api/v1/servers?limit=abc", null, 400, "limit"),
                new Case("GET", "/api/v1/servers?limit=101", null, 400, "limit"),
                new Case("GET", "/api/v1/servers?cursor=garbage", null, 400, "cursor"),
                new Case("GET", "/api/v1/servers?status=FLYING", null, 400, "status"),
                new Case("GET", "/api/v1/servers?account=xyz", null, 400, "account"),
                new Case("GET", "/api/v1/jobs?server=xyz", null, 400, "server"),
                new Case("GET", "/api/v1/events?after=-x", null, 400, "after"),
                new Case("GET", s + "/console?bytes=0", null, 400, "bytes"),
                new Case("GET", s + "/console?bytes=-5", null, 400, "bytes"),
                new Case("GET", s + "/console?bytes=1048577", null, 400, "bytes"),
                new Case("GET", s + "/console?bytes=99999999999", null, 400, "bytes"),
                new Case("GET", s + "/console?bytes=lots", null, 400, "bytes"),
                new Case("PUT", rdns, "{\"ptr\":\"under_score!.example.com\"}", 400, "ptr"),
                new Case("PUT", rdns, "{\"ptr\":\"nodots\"}", 400, "ptr"),
                new Case("PUT", rdns, "{\"ptr\":\"-bad-.example.com\"}", 400, "ptr"),
                new Case("PUT", rdns, "{\"ptr\":\"" + "a".repeat(300) + ".com\"}", 400, "ptr"),
                new Case("PUT", rdns, "{\"ptr\":5}", 400, "ptr"),
                new Case("PUT", rdns, "{}", 400, "ptr"),
                new Case("PUT", rdns, "{\"ptr\":\"a.example.com\",\"ttl\":60}", 400, "ttl"),
                new Case("PUT", rdns, "{\"ptr\":", 400, "body"),
                new Case("PUT", rdns, "", 400, "body"),
                new Case("GET", "/api/v1/invoices?status=LATE", null, 400, "status"),
                new Case("GET", "/api/v1/invoices?issuedFrom=yesterday", null, 400, "issuedFrom"),
                new Case("GET", "/api/v1/invoices?issuedTo=2026-13-01", null, 400, "issuedTo"),
                new Case("GET", "/api/v1/invoices?cursor=garbage", null, 400, "cursor"),
                new Case("GET", "/api/v1/invoices?limit=101", null, 400, "limit"),
                new Case("GET", "/api/v1/invoices?account=xyz", null, 400, "account"),
                new Case("GET", "/api/v1/usage", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=2026-13", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=26-01", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=2026-1", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=%00", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=2999-01", null, 400, "month"),
                new Case("GET", "/api/v1/usage?month=2026-01&format=xml", null, 400, "format"),
                new Case("GET", "/api/v1/usage?month=2026-01&account=xyz", null, 400, "account"),
                new Case("GET", "/api/v1/servers?status=DELETED&limit=0", null, 400, "limit"),
                new Case("GET", "/api/v1/plans/Not%20A%20Code", null, 404, null),
                new Case("GET", "/api/v1/regions/" + "r".repeat(500), null, 404, null),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"ok.example.com\",\"region\":\"test-region\","
                        + "\"plan\":\"Not A Code!\",\"template\":\"t-debian\"}", 400, "plan"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"ok.example.com\",\"region\":\"test-region\","
                        + "\"plan\":\"" + "p".repeat(65) + "\",\"template\":\"t-debian\"}", 400, "plan"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"ok.example.com\",\"region\":\"test-region\","
                        + "\"plan\":\"t-1\",\"template\":7}", 400, "template"),
                new Case("POST", s + "/actions/resize", "{\"plan\":\"no-such-plan\"}", 400, "plan")));
        List<Case> resellerCases = List.of(
                new Case("POST", "/api/v1/sub-accounts", "{\"name\":\"\"}", 400, "name"),
                new Case("POST", "/api/v1/sub-accounts", "{\"name\":\"n\",\"owner\":\"x\"}", 400, "owner"),
                new Case("PUT", "/api/v1/sub-accounts/" + customer.tenant() + "/quota",
                        "{\"servers\":-1,\"vcpus\":1,\"memoryMib\":1,\"diskGib\":1,\"ipv4\":1,\"snapshots\":1}", 400,
                        "servers"),
                new Case("PUT", "/api/v1/sub-accounts/" + customer.tenant() + "/quota",
                        "{\"servers\":\"5\",\"vcpus\":1,\"memoryMib\":1,\"diskGib\":1,\"ipv4\":1,\"snapshots\":1}", 400,
                        "servers"),
                new Case("PUT", "/api/v1/sub-accounts/" + customer.tenant() + "/quota",
                        "{\"servers\":1.5,\"vcpus\":1,\"memoryMib\":1,\"diskGib\":1,\"ipv4\":1,\"snapshots\":1}", 400,
                        "servers"),
                new Case("PUT", "/api/v1/sub-accounts/" + customer.tenant() + "/quota",
                        "{\"servers\":1,\"vcpus\":99999999999999999999999,\"memoryMib\":1,\"diskGib\":1,\"ipv4\":1,"
                                + "\"snapshots\":1}", 400, "vcpus"),
                new Case("PUT", "/api/v1/sub-accounts/" + customer.tenant() + "/quota",
                        "{\"servers\":1,\"vcpus\":1,\"memoryMib\":1,\"diskGib\":1,\"ipv4\":1}", 400, "snapshots"),
                new Case("POST", "/api/v1/sub-accounts/" + customer.tenant() + "/suspend", "{\"reason\":\"\"}", 400,
                        "reason"),
                new Case("POST", "/api/v1/sub-accounts/" + customer.tenant() + "/login-link", "{\"for\":1}", 400,
                        "for"),
                new Case("POST", "/api/v1/sub-accounts/not-an-id/login-link", null, 404, null));
        // Webhook filters, ping, rotation and the delivery log (issue 26).
        String hook = "/api/v1/webhooks/" + client.api().body(Map.of("url", "https://example.com/bad-hook"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
        cases.addAll(List.of(
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"events\":[\"server.nope\"]}",
                        400, "events"),
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/x\",\"events\":\"server.*\"}",
                        400, "events"),
                new Case("PATCH", hook, "{\"events\":[]}", 400, "events"),
                new Case("PATCH", hook, "{\"events\":[5]}", 400, null),
                new Case("PATCH", hook, "{\"events\":[\"server.*\"],\"url\":\"x\"}", 400, "url"),
                new Case("POST", hook + "/ping", "{\"x\":1}", 400, "x"),
                new Case("POST", hook + "/rotate-secret", "{\"graceSeconds\":-5}", 400, "graceSeconds"),
                new Case("POST", hook + "/rotate-secret", "{\"graceSeconds\":1e99}", 400, "graceSeconds"),
                new Case("POST", hook + "/rotate-secret", "{\"graceSeconds\":\"soon\"}", 400, "graceSeconds"),
                new Case("GET", hook + "/deliveries?before=x", null, 400, "before"),
                new Case("GET", hook + "/deliveries?limit=500", null, 400, "limit"),
                new Case("POST", "/api/v1/webhooks/" + UUID.randomUUID() + "/ping", null, 404, null)));

        Map<String, Long> before = counts();
        for (Case bad : cases) {
            check(client, bad);
        }
        for (Case bad : resellerCases) {
            check(reseller, bad);
        }
        client.api().header("Idempotency-Key", "x".repeat(201)).body(Map.of("name", "k", "publicKey",
                SshKeyExamples.ECDSA_256)).post("/api/v1/ssh-keys").then().statusCode(400)
                .body("errors.Idempotency-Key", org.hamcrest.Matchers.notNullValue());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void controlAndBidiCharactersDuplicateKeysAndOverlongTextAreRefusedNamingTheField() {
        Fixtures.Catalog c = fixtures.catalog();
        ApiFixtures.Client client = api.customer("text");
        ApiFixtures.Client reseller = api.reseller("text-res");
        ApiFixtures.Client customer = api.customerOf(reseller, "text-sub");
        String server = client.api().body(Map.of("hostname", Fixtures.hostname("text-srv"), "region",
                c.region().toString(), "plan", c.plan().toString(), "template", c.template().toString()))
                .post("/api/v1/servers").then().statusCode(202).extract().path("server.id");
        String good = "\"region\":\"" + c.region() + "\",\"plan\":\"" + c.plan() + "\",\"template\":\""
                + c.template() + "\"";
        String key = "\"publicKey\":\"" + SshKeyExamples.ED25519 + "\"";
        String s = "/api/v1/servers/" + server;
        String ip = client.api().get(s + "/addresses").then().statusCode(200).extract().path("[0].address");
        String nul = "\\u0000";
        List<Case> cases = List.of(
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"a" + nul + ".example.com\"," + good + "}", 400,
                        "hostname"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"a.example.com\"," + good + ",\"externalRef\":\"r"
                        + nul + "\"}", 400, "externalRef"),
                new Case("POST", "/api/v1/servers", "{\"hostname\":\"a\\u2066b.example.com\"," + good + "}", 400,
                        "hostname"),
                new Case("POST", "/api/v1/servers/dry-run", "{\"hostname\":\"a" + nul + "\"," + good + "}", 400,
                        "hostname"),
                new Case("POST", s + "/actions/rename", "{\"hostname\":\"b" + nul + ".example.com\"}", 400,
                        "hostname"),
                new Case("POST", s + "/snapshots", "{\"name\":\"s" + nul + "\"}", 400, "name"),
                new Case("PUT", s + "/addresses/" + ip + "/reverse-dns", "{\"ptr\":\"m" + nul + ".example.com\"}",
                        400, "ptr"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"k" + nul + "\"," + key + "}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"evil\\u202Etxt.exe\"," + key + "}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"bell\\u0007\"," + key + "}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"c1\\u0085\"," + key + "}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"k\"," + key + ",\"name\":\"again\"}", 400, "name"),
                new Case("POST", "/api/v1/ssh-keys", "{\"name\":\"" + "k".repeat(256) + "\"," + key + "}", 400,
                        "name"),
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/" + nul + "\"}", 400, "url"),
                new Case("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/a\",\"url\":\"b\"}", 400,
                        "url"),
                new Case("POST", s + "/actions/reset-password", "{\"password\":\"short\"}", 400, "password"),
                new Case("POST", s + "/actions/reset-password", "{\"password\":\"long enough" + nul + "\"}", 400,
                        "password"));
        String quota = "/api/v1/sub-accounts/" + customer.tenant() + "/quota";
        List<Case> resellerCases = List.of(
                new Case("POST", "/api/v1/sub-accounts", "{\"name\":\"n" + nul + "\"}", 400, "name"),
                new Case("POST", "/api/v1/sub-accounts", "{\"name\":\"n\\u200Fx\"}", 400, "name"),
                new Case("POST", "/api/v1/sub-accounts", "{\"name\":\"n\",\"externalRef\":\"r" + nul + "\"}", 400,
                        "externalRef"),
                new Case("POST", "/api/v1/sub-accounts/" + customer.tenant() + "/suspend", "{\"reason\":\"why"
                        + nul + "\"}", 400, "reason"),
                new Case("PUT", quota, "{\"servers\":1,\"vcpus\":1,\"memoryMib\":2000000,\"diskGib\":1,"
                        + "\"ipv4\":1,\"snapshots\":1}", 400, "memoryMib"),
                new Case("PUT", quota, "{\"servers\":1,\"vcpus\":1,\"memoryMib\":1,\"diskGib\":20000,"
                        + "\"ipv4\":1,\"snapshots\":1}", 400, "diskGib"));

        fixtures.customer("erin");
        Map<String, Long> before = counts();
        for (Case bad : cases) {
            check(client, bad);
        }
        for (Case bad : resellerCases) {
            check(reseller, bad);
        }
        assertAnswer(new Case("POST", "/api/v1/tokens", null, 400, "name"), send(given().auth()
                .oauth2(Keycloak.accessToken("erin")), new Case("POST", "/api/v1/tokens", "{\"name\":\"t" + nul
                        + "\"}", 400, "name")));
        for (String param : List.of("hostname", "externalRef", "status", "cursor")) {
            assertAnswer(new Case("GET", "/api/v1/servers?" + param, null, 400, param), client.api()
                    .queryParam(param, "a\u0000b").get("/api/v1/servers").then().extract());
        }
        assertAnswer(new Case("GET", "/api/v1/sub-accounts?externalRef", null, 400, "externalRef"), reseller.api()
                .queryParam("externalRef", "a\u0000b").get("/api/v1/sub-accounts").then().extract());
        assertAnswer(new Case("GET", "/api/v1/servers?hostname=bidi", null, 400, "hostname"), client.api()
                .queryParam("hostname", "a\u202Eb").get("/api/v1/servers").then().extract());
        assertAnswer(new Case("DELETE", s + "/snapshots/a%00b", null, 404, null), client.api()
                .urlEncodingEnabled(false).delete(s + "/snapshots/a%00b").then().extract());
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void formBodiesAnswer415AndOverlongRequestsAnswerProblemJson() {
        ApiFixtures.Client client = api.customer("form");
        Fixtures.Catalog c = fixtures.catalog();
        String server = client.api().body(Map.of("hostname", Fixtures.hostname("form-srv"), "region",
                c.region().toString(), "plan", c.plan().toString(), "template", c.template().toString()))
                .post("/api/v1/servers").then().statusCode(202).extract().path("server.id");
        long jobs = api.rows("job");
        for (String id : List.of(server, UUID.randomUUID().toString())) {
            for (String action : List.of("reboot", "rename", "nope")) {
                String path = "/api/v1/servers/" + id + "/actions/" + action;
                assertAnswer(new Case("POST", path + " multipart", null, 415, null), given()
                        .header("Authorization", "Bearer " + client.token())
                        .header("Content-Type", "multipart/form-data; boundary=x")
                        .body("--x--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).post(path).then()
                        .extract());
                assertAnswer(new Case("POST", path + " form", null, 415, null), given()
                        .header("Authorization", "Bearer " + client.token())
                        .contentType(ContentType.URLENC).formParam("hostname", "a.example.com").post(path)
                        .then().extract());
            }
        }
        assertThat(api.rows("job")).isEqualTo(jobs);

        assertAnswer(new Case("POST", "action 70 KB", null, 413, null), client.api()
                .body("{\"plan\":\"" + "p".repeat(70_000) + "\"}").post("/api/v1/servers/" + server + "/actions/resize")
                .then().extract());
        assertAnswer(new Case("POST", "action 1.2 MB chunked", null, 413, null), client.api()
                .body(new java.io.ByteArrayInputStream(("{\"plan\":\"" + "p".repeat(1_200_000) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .post("/api/v1/servers/" + server + "/actions/resize").then().extract());
        assertAnswer(new Case("GET", "long URI", null, 414, null), client.api()
                .get("/api/v1/servers?hostname=" + "h".repeat(6000)).then().extract());
        assertAnswer(new Case("GET", "large header", null, 431, null), client.api()
                .header("X-Padding", "p".repeat(30_000)).get("/api/v1/servers").then().extract());
    }

    @Test
    void anOverlongGuestTypeIsRefusedWithoutEchoingIt() {
        Fixtures.Catalog c = fixtures.catalog();
        ApiFixtures.Client client = api.customer("echo");
        String guestType = "g".repeat(60_000);
        for (String path : List.of("/api/v1/servers", "/api/v1/servers/dry-run")) {
            ExtractableResponse<Response> answer = client.api().body(Map.of("hostname", Fixtures.hostname("echo"),
                    "region", c.region().toString(), "plan", c.plan().toString(), "template", c.template().toString(),
                    "guestType", guestType)).post(path).then().extract();
            assertAnswer(new Case("POST", path, null, 400, "guestType"), answer);
            assertThat(answer.asString().length()).as(answer.asString().substring(0, 200)).isLessThan(2000);
        }
        assertThat(api.rows("audit_event where tenant_id = '" + client.tenant() + "' and length(coalesce(detail, '')"
                + " || coalesce(before_state::text, '') || coalesce(after_state::text, '')) > 2000")).isZero();
        assertThat(api.rows("audit_event where detail like '%" + "g".repeat(1000) + "%'")).isZero();
    }

    @Test
    void badTokenRequestsAreRefusedAndStoreNothing() {
        fixtures.customer("erin");
        String jwt = Keycloak.accessToken("erin");
        long tokens = api.rows("api_token");
        for (Case bad : List.of(
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"scope\":\"ADMIN\"}", 400, "scope"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", 400,
                        "expiresAt"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"expiresAt\":\"tomorrow\"}", 400, "expiresAt"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"expiresAt\":\"2999-01-01T00:00:00Z\"}", 400,
                        "expiresAt"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"allowedIps\":[\"example.com\"]}", 400,
                        "allowedIps"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"allowedIps\":\"10.0.0.1\"}", 400, "allowedIps"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"t\",\"subAccount\":\"" + UUID.randomUUID() + "\"}",
                        400, "subAccount"),
                new Case("POST", "/api/v1/tokens", "{\"name\":\"\"}", 400, "name"))) {
            ExtractableResponse<Response> answer = send(given().auth().oauth2(jwt), bad);
            assertAnswer(bad, answer);
        }
        assertThat(api.rows("api_token")).isEqualTo(tokens);
    }

    private void check(ApiFixtures.Client as, Case bad) {
        assertAnswer(bad, send(as.api(), bad));
    }

    private static ExtractableResponse<Response> send(io.restassured.specification.RequestSpecification request,
            Case bad) {
        request = request.contentType(ContentType.JSON).accept(ContentType.JSON);
        if (bad.body() != null) {
            request = request.body(bad.body());
        }
        return request.request(bad.method(), bad.path()).then().extract();
    }

    private static void assertAnswer(Case bad, ExtractableResponse<Response> answer) {
        String what = bad.method() + " " + bad.path() + " " + (bad.body() == null ? ""
                : bad.body().substring(0, Math.min(80, bad.body().length())));
        assertThat(answer.statusCode()).as(what + " -> " + answer.asString()).isEqualTo(bad.status());
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        if (bad.field() != null) {
            Map<String, String> errors = answer.path("errors");
            assertThat(errors).as(what + " -> " + answer.asString()).containsKey(bad.field());
            assertThat(errors.get(bad.field())).as(what).isNotBlank();
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, api.rows(table));
        }
        return out;
    }
}
