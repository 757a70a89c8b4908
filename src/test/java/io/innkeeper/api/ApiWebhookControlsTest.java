package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.WebhookSignature;

/**
 * What a reseller's integration does with its webhooks: it tells its customers' events apart by {@code account}
 * and {@code customer}, takes only the event types it chose, pings an endpoint, and rotates its secret with a grace
 * period in which deliveries carry both signatures, and only the new one after. Signatures are checked with an HMAC
 * the test computes itself, not with the panel's class.
 */
@QuarkusTest
class ApiWebhookControlsTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiFixtures api;

    HttpServer receiver;
    final List<Received> got = new CopyOnWriteArrayList<>();

    record Received(String signature, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The v1 MACs of the header, in order. */
        List<String> v1() {
            return java.util.Arrays.stream(signature.split(",")).filter(p -> p.startsWith("v1="))
                    .map(p -> p.substring(3)).toList();
        }

        String t() {
            return java.util.Arrays.stream(signature.split(",")).filter(p -> p.startsWith("t=")).findFirst()
                    .orElseThrow().substring(2);
        }

        /** Whether one of the v1 MACs is HMAC-SHA256(secret, t + "." + body), computed here. */
        boolean signedBy(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal((t() + "." + body)
                        .getBytes(StandardCharsets.UTF_8)));
                return v1().contains(expected);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            got.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private List<JsonNode> ofType(String type) {
        return got.stream().map(Received::json).filter(e -> type.equals(e.get("type").asText())).toList();
    }

    @Test
    void resellerEndpointNamesTheCustomerAndTakesOnlyTheTypesItChose() {
        ApiFixtures.Client reseller = api.reseller("hook-res");
        ApiFixtures.Client customer = api.customerOf(reseller, "hook-cust");
        var made = reseller.api().body(Map.of("url", url(), "events", List.of("account.ssh_key_added")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("webhook.events", equalTo(List.of("account.ssh_key_added"))).extract();
        String secret = made.path("secret");
        String endpoint = made.path("webhook.id");

        String key = customer.api().body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        customer.api().delete("/api/v1/ssh-keys/" + key).then().statusCode(204);

        await().atMost(SETTLE).until(() -> !ofType("account.ssh_key_added").isEmpty());
        JsonNode event = ofType("account.ssh_key_added").get(0);
        assertThat(event.get("account").asText()).isEqualTo(customer.tenant().toString());
        assertThat(event.at("/customer/id").asText()).isEqualTo(customer.tenant().toString());
        assertThat(event.at("/customer/reseller").asText()).isEqualTo(reseller.tenant().toString());
        assertThat(event.at("/customer/name").asText()).isNotBlank();
        assertThat(got.get(0).signedBy(secret)).isTrue();
        assertThat(got.get(0).signedBy("ikw_not_the_secret")).isFalse();
        // The deletion was never queued for this endpoint: its filter left it out when the event was recorded.
        assertThat(api.rows("webhook_delivery where endpoint_id = '" + endpoint + "'")).isEqualTo(1);

        // Every event again: the filter is lifted.
        reseller.api().body("{\"events\":null}").patch("/api/v1/webhooks/" + endpoint).then().statusCode(200)
                .body("events", nullValue());
        customer.api().body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201);
        await().atMost(SETTLE).until(() -> ofType("account.ssh_key_added").size() == 2);
    }

    @Test
    void pingIsSignedAndRotationSignsWithBothSecretsThenOnlyTheNewOne() {
        ApiFixtures.Client client = api.customer("hook-ping");
        var made = client.api().body(Map.of("url", url(), "events", List.of("invoice.paid")))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        String first = made.path("secret");
        String endpoint = made.path("webhook.id");

        // A ping goes out whatever the filter says.
        String ping = client.api().post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(202)
                .body("event", notNullValue()).extract().path("event");
        await().atMost(SETTLE).until(() -> got.size() == 1);
        assertThat(got.get(0).json().get("type").asText()).isEqualTo("ping");
        assertThat(got.get(0).json().get("id").asText()).isEqualTo(ping);
        assertThat(got.get(0).json().get("account").asText()).isEqualTo(client.tenant().toString());
        assertThat(got.get(0).v1()).hasSize(1);
        assertThat(got.get(0).signedBy(first)).isTrue();

        // Rotated with an hour's grace: both secrets sign, the new one first.
        var rotated = client.api().body(Map.of("graceSeconds", 3600))
                .post("/api/v1/webhooks/" + endpoint + "/rotate-secret").then().statusCode(200)
                .body("previousSecretUntil", notNullValue())
                .body("webhook.previousSecretUntil", notNullValue()).extract();
        String second = rotated.path("secret");
        assertThat(second).startsWith("ikw_").isNotEqualTo(first);
        client.api().post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(202);
        await().atMost(SETTLE).until(() -> got.size() == 2);
        assertThat(got.get(1).v1()).hasSize(2);
        assertThat(got.get(1).signedBy(second)).isTrue();
        assertThat(got.get(1).signedBy(first)).isTrue();

        // The grace period is over (its end moved to the past, as an hour passing would): only the new one signs.
        api.sql("update webhook_endpoint set previous_secret_until = now() - interval '1 second' where id = ?1",
                java.util.UUID.fromString(endpoint));
        client.api().post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(202);
        await().atMost(SETTLE).until(() -> got.size() == 3);
        assertThat(got.get(2).v1()).hasSize(1);
        assertThat(got.get(2).signedBy(second)).isTrue();
        assertThat(got.get(2).signedBy(first)).isFalse();
        client.api().get("/api/v1/webhooks/" + endpoint).then().statusCode(200)
                .body("previousSecretUntil", nullValue());

        // Without grace the old secret stops at once.
        String third = client.api().body(Map.of("graceSeconds", 0))
                .post("/api/v1/webhooks/" + endpoint + "/rotate-secret").then().statusCode(200)
                .body("previousSecretUntil", nullValue()).extract().path("secret");
        client.api().post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(202);
        await().atMost(SETTLE).until(() -> got.size() == 4);
        assertThat(got.get(3).signedBy(third)).isTrue();
        assertThat(got.get(3).signedBy(second)).isFalse();

        // The endpoint's delivery log, newest first.
        await().atMost(SETTLE).until(() -> api.rows("webhook_delivery where state = 'DELIVERED' and endpoint_id = '"
                + endpoint + "'") == 4);
        client.api().get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200)
                .body("items.size()", equalTo(4)).body("items[3].event", equalTo(ping))
                .body("items[0].type", equalTo("ping")).body("items[0].state", equalTo("DELIVERED"))
                .body("items[0].lastStatus", equalTo(204)).body("items[0].attempts", equalTo(1));
        client.api().queryParam("limit", 2).get("/api/v1/webhooks/" + endpoint + "/deliveries").then()
                .statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", notNullValue());
    }

    @Test
    void badInputToTheNewOperationsNamesTheField() {
        ApiFixtures.Client client = api.customer("hook-bad");
        ApiFixtures.Client other = api.customer("hook-other");
        client.api().body(Map.of("url", url(), "events", List.of("server.exploded"))).post("/api/v1/webhooks")
                .then().statusCode(400).body("errors", hasKey("events"));
        client.api().body(Map.of("url", url(), "events", List.of())).post("/api/v1/webhooks").then()
                .statusCode(400).body("errors", hasKey("events"));
        client.api().body(Map.of("url", url(), "events", "server.*")).post("/api/v1/webhooks").then()
                .statusCode(400).body("errors", hasKey("events"));
        assertThat(api.rows("webhook_endpoint where tenant_id = '" + client.tenant() + "'")).isZero();

        String endpoint = client.api().body(Map.of("url", url())).post("/api/v1/webhooks").then().statusCode(201)
                .extract().path("webhook.id");
        client.api().body(Map.of("events", List.of("nope.*"))).patch("/api/v1/webhooks/" + endpoint).then()
                .statusCode(400).body("errors", hasKey("events"));
        client.api().body("{\"events\":[\"server.*\"],\"extra\":1}").patch("/api/v1/webhooks/" + endpoint).then()
                .statusCode(400);
        client.api().body(Map.of("graceSeconds", -1)).post("/api/v1/webhooks/" + endpoint + "/rotate-secret")
                .then().statusCode(400).body("errors", hasKey("graceSeconds"));
        client.api().body(Map.of("graceSeconds", 604_801)).post("/api/v1/webhooks/" + endpoint + "/rotate-secret")
                .then().statusCode(400).body("errors", hasKey("graceSeconds"));
        client.api().body(Map.of("graceSeconds", "a day")).post("/api/v1/webhooks/" + endpoint + "/rotate-secret")
                .then().statusCode(400).body("errors", hasKey("graceSeconds"));
        client.api().body("{\"hello\":1}").post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(400);
        client.api().queryParam("before", "yesterday").get("/api/v1/webhooks/" + endpoint + "/deliveries").then()
                .statusCode(400).body("errors", hasKey("before"));
        client.api().queryParam("limit", 0).get("/api/v1/webhooks/" + endpoint + "/deliveries").then()
                .statusCode(400).body("errors", hasKey("limit"));
        client.api().get("/api/v1/webhooks/not-an-id").then().statusCode(404);
        client.api().post("/api/v1/webhooks/not-an-id/ping").then().statusCode(404);
        client.api().get("/api/v1/webhooks/" + endpoint).then().statusCode(200).body("events", nullValue());

        // Another account's endpoint is not there.
        other.api().get("/api/v1/webhooks/" + endpoint).then().statusCode(404);
        other.api().post("/api/v1/webhooks/" + endpoint + "/ping").then().statusCode(404);
        other.api().body(Map.of("graceSeconds", 0)).post("/api/v1/webhooks/" + endpoint + "/rotate-secret").then()
                .statusCode(404);
        other.api().body(Map.of("events", List.of("server.*"))).patch("/api/v1/webhooks/" + endpoint).then()
                .statusCode(404);
        other.api().get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(404);
    }
}
