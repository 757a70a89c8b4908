package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import io.innkeeper.account.SshKeys;
import io.innkeeper.account.TokenScope;
import io.innkeeper.api.ApiFixtures;
import io.innkeeper.audit.Actor;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.cloudinit.GuestAccess;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * One order, two doors: the portal's form and {@code POST /api/v1/servers} both call PlaceServer, so the same input
 * gets the same answer on both, for good input, bad input, a hostname sent on both at once and a retry. The form
 * answers every refusal 422 with the messages beside their fields; the API answers input wrong in itself 400 and
 * a hostname, reference or key taken already 422, both naming the same fields with the same words.
 */
@QuarkusTest
@TestSecurity(user = PlaceServerParityTest.LOGIN, roles = "customer")
class PlaceServerParityTest {

    static final String LOGIN = "parity";

    private static final String KEY = "ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIC4W2LuHHP1HuQcWO9vm9Kj1S8w8AHdfokQTZuP3yGEE parity@laptop";

    @Inject
    Fixtures fixtures;

    @Inject
    ApiFixtures api;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    SshKeys sshKeys;

    @Inject
    ProvisioningService provisioning;

    @Inject
    EntityManager em;

    Fixtures.Catalog catalog;
    UUID tenant;
    String token;
    UUID savedKey;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer(LOGIN);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(100, 200, 1_000_000, 10_000, 100, 100, null, null, null));
        token = api.token(LOGIN, tenant, TokenScope.WRITE, null);
        savedKey = sshKeys.list(Scope.of(tenant)).stream().filter(k -> k.publicKey().equals(KEY)).map(k -> k.id())
                .findFirst().orElseGet(() -> sshKeys.add(Actor.SYSTEM, tenant, "laptop", KEY).id());
    }

    @Test
    void goodInputMakesTheSameServerThroughBoth() {
        String viaForm = Fixtures.hostname("par-form");
        String viaApi = Fixtures.hostname("par-api");
        form(viaForm).formParam("sshKeys", KEY).post("/servers").then().statusCode(303);
        Map<String, Object> body = order(viaApi);
        body.put("sshKeys", List.of(savedKey.toString()));
        apiRequest().body(body).post("/api/v1/servers").then().statusCode(202)
                .body("server.hostname", equalTo(viaApi)).body("job.kind", equalTo("CREATE"));

        Map<String, Object> fromForm = view(viaForm);
        Map<String, Object> fromApi = view(viaApi);
        for (String part : List.of("region", "plan", "template", "vcpus", "memoryMib", "diskGib", "account")) {
            assertThat(fromForm.get(part)).as(part).isEqualTo(fromApi.get(part));
        }
        assertThat(accessOf(viaForm)).isEqualTo(accessOf(viaApi));
        assertThat(accessOf(viaForm).sshKeys()).containsExactly(KEY);
    }

    @Test
    void badInputNamesTheSameFieldsWithTheSameWordsOnBoth() {
        String bad = "-bad-" + UUID.randomUUID().toString().substring(0, 6) + ".example.com";
        Map<String, Object> body = order(bad);
        body.put("plan", UUID.randomUUID().toString());
        Map<String, String> errors = apiRequest().body(body).post("/api/v1/servers").then().statusCode(400)
                .contentType("application/problem+json").extract().path("errors");
        assertThat(errors).containsOnlyKeys("hostname", "plan");

        String page = Csrf.form().formParam("hostname", bad).formParam("region", catalog.region().toString())
                .formParam("plan", body.get("plan")).formParam("template", catalog.template().toString())
                .post("/servers").then().statusCode(422).extract().asString();
        assertThat(page).contains("id=\"hostname-error\"", "id=\"plan-error\"", errors.get("hostname"),
                errors.get("plan"));
        assertThat(servers.withHostname(bad)).isZero();
    }

    @Test
    void theFormTakesUserDataUpToItsLimit() {
        String hostname = Fixtures.hostname("par-userdata");
        String userData = "#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: " + "a".repeat(40_000) + "\n";
        form(hostname).formParam("userData", userData).post("/servers").then().statusCode(303);
        assertThat(accessOf(hostname).userData()).isEqualTo(userData);
    }

    @Test
    void aHugeGuestTypeIsRefusedOnBothWithoutBeingEchoed() {
        String huge = "x".repeat(60_000);
        Map<String, Object> body = order(Fixtures.hostname("par-huge"));
        body.put("guestType", huge);
        String message = apiRequest().body(body).post("/api/v1/servers").then().statusCode(400)
                .extract().path("errors.guestType");
        assertThat(message).hasSizeLessThan(200).doesNotContain("xxxxxxxx");
        // Beyond the API's edge bound (ApiRequests.CreateServer) the words differ; the field and the refusal agree.
        String page = form((String) body.get("hostname")).formParam("guestType", huge).post("/servers").then()
                .statusCode(422).body(containsString("id=\"guestType-error\"")).extract().asString();
        assertThat(page).doesNotContain("xxxxxxxx").hasSizeLessThan(60_000);
        assertThat(servers.withHostname((String) body.get("hostname"))).isZero();
    }

    @Test
    void aHostnameSentOnBothAtOnceMakesOneServerAndA422NamingTheHostname() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String hostname = Fixtures.hostname("par-race");
                RequestSpecification viaForm = form(hostname);
                RequestSpecification viaApi = apiRequest().body(order(hostname));
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> formAnswer = pool.submit(() -> {
                    start.await();
                    return viaForm.post("/servers");
                });
                Future<Response> apiAnswer = pool.submit(() -> {
                    start.await();
                    return viaApi.post("/api/v1/servers");
                });
                start.countDown();
                Response page = formAnswer.get(60, TimeUnit.SECONDS);
                Response json = apiAnswer.get(60, TimeUnit.SECONDS);

                assertThat(List.of(page.statusCode(), json.statusCode())).as("form, API")
                        .isIn(List.of(303, 422), List.of(422, 202));
                if (page.statusCode() == 422) {
                    assertThat(page.asString()).contains("id=\"hostname-error\"", "You already have a server");
                } else {
                    assertThat(json.contentType()).startsWith("application/problem+json");
                    assertThat(json.<String>path("errors.hostname")).startsWith("You already have a server");
                }
                assertThat(servers.withHostname(hostname)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A rename that takes the hostname while the order is past its checks (the rename locks no tenant): the
     * database's unique index refuses the order's insert once the rename commits, and the order answers 422 naming
     * the hostname, not 500. The rename holds its transaction open until the order waits on its row lock.
     */
    @Test
    void aHostnameTakenByARenameDuringTheOrderIsA422() throws Exception {
        UUID existing = servers.order(tenant, catalog, Fixtures.hostname("par-rename"));
        String wanted = Fixtures.hostname("par-renamed");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch renamed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<?> rename = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("update server set hostname = ?1 where id = ?2").setParameter(1, wanted)
                        .setParameter(2, existing).executeUpdate();
                renamed.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(renamed.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Response> order = pool.submit(() -> apiRequest().body(order(wanted)).post("/api/v1/servers"));
            await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    ((Number) em.createNativeQuery("select count(*) from pg_stat_activity where wait_event_type = "
                            + "'Lock' and query like 'insert into server %'").getSingleResult()).longValue() > 0));
            release.countDown();
            rename.get(30, TimeUnit.SECONDS);
            Response answer = order.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.<String>path("errors.hostname"))
                    .isEqualTo("You already have a server with this hostname.");
            assertThat(servers.withHostname(wanted)).isEqualTo(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryWithTheSameKeyAnswersTheSameServerAndAnotherOrderWithItIsRefused() {
        String hostname = Fixtures.hostname("par-retry-api");
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = order(hostname);
        body.put("externalRef", "crm-" + UUID.randomUUID());
        body.put("sshKeys", List.of(savedKey.toString()));
        String id = apiRequest().header("Idempotency-Key", key).body(body).post("/api/v1/servers").then()
                .statusCode(202).header("Idempotent-Replayed", nullValue()).extract().path("server.id");
        apiRequest().header("Idempotency-Key", key).body(body).post("/api/v1/servers").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("server.id", equalTo(id))
                .body("server.externalRef", equalTo(body.get("externalRef")));
        assertThat(servers.withHostname(hostname)).isEqualTo(1);
        assertThat(accessOf(hostname).sshKeys()).containsExactly(KEY);
        Map<String, Object> other = new HashMap<>(body);
        other.put("externalRef", "crm-" + UUID.randomUUID());
        apiRequest().header("Idempotency-Key", key).body(other).post("/api/v1/servers").then().statusCode(422)
                .body("errors.Idempotency-Key", containsString("already used"));
        assertThat(servers.withHostname(hostname)).isEqualTo(1);

        String viaForm = Fixtures.hostname("par-retry-form");
        String formKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            form(viaForm).formParam("idempotencyKey", formKey).formParam("rootPassword", "correct horse battery")
                    .post("/servers").then().statusCode(303);
        }
        assertThat(servers.withHostname(viaForm)).isEqualTo(1);
        form(viaForm).formParam("idempotencyKey", formKey).formParam("rootPassword", "another horse battery")
                .post("/servers").then().statusCode(422).body(containsString(ServerPages.SENT_BEFORE),
                        not(containsString("value=\"" + formKey + "\"")));
        String renamed = Fixtures.hostname("par-retry-other");
        form(renamed).formParam("idempotencyKey", formKey).post("/servers").then().statusCode(422)
                .body(containsString(ServerPages.SENT_BEFORE));
        assertThat(servers.withHostname(viaForm)).isEqualTo(1);
        assertThat(servers.withHostname(renamed)).isZero();
    }

    @Test
    void theDryRunRefusesWhatTheOrderRefuses() {
        Map<String, Object> unknownKey = order(Fixtures.hostname("par-dry-key"));
        unknownKey.put("sshKeys", List.of(UUID.randomUUID().toString()));
        Map<String, Object> longRef = order(Fixtures.hostname("par-dry-ref"));
        longRef.put("externalRef", "r".repeat(300));
        for (Map<String, Object> body : List.of(unknownKey, longRef)) {
            String field = body.containsKey("sshKeys") ? "sshKeys" : "externalRef";
            Map<String, String> refusals = apiRequest().body(body).post("/api/v1/servers/dry-run").then()
                    .statusCode(200).body("fits", equalTo(false)).extract().path("refusals");
            Map<String, String> errors = apiRequest().body(body).post("/api/v1/servers").then().statusCode(400)
                    .extract().path("errors");
            assertThat(refusals).containsOnlyKeys(field).isEqualTo(errors);
            assertThat(servers.withHostname((String) body.get("hostname"))).isZero();
        }
        apiRequest().body(order(Fixtures.hostname("par-dry-ok"))).post("/api/v1/servers/dry-run").then()
                .statusCode(200).body("fits", equalTo(true));
    }

    private Map<String, Object> order(String hostname) {
        Map<String, Object> body = new HashMap<>();
        body.put("hostname", hostname);
        body.put("region", catalog.region().toString());
        body.put("plan", catalog.plan().toString());
        body.put("template", catalog.template().toString());
        return body;
    }

    private RequestSpecification form(String hostname) {
        return Csrf.form().formParam("hostname", hostname).formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString()).formParam("template", catalog.template().toString());
    }

    private RequestSpecification apiRequest() {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** The server as the API shows it, whichever door it came through. */
    private Map<String, Object> view(String hostname) {
        List<Map<String, Object>> items = apiRequest().queryParam("hostname", hostname).get("/api/v1/servers").then()
                .statusCode(200).extract().path("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Transactional
    GuestAccess accessOf(String hostname) {
        Server server = Server.find("hostname", hostname).firstResult();
        return provisioning.access(server.id);
    }
}
