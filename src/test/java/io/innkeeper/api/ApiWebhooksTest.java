package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.WebhookSignature;
import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.billing.invoice.Outcome;
import io.innkeeper.billing.invoice.RunResult;
import io.innkeeper.billing.ledger.Dunning;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Webhooks end to end with a receiver the test runs on 127.0.0.1: a server's life gives its events in order, each
 * signed with the endpoint's secret, and a receiver that is down at first still gets every one once it is up.
 */
@QuarkusTest
class ApiWebhooksTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    InvoiceRun run;

    @Inject
    Dunning dunning;

    @Inject
    Ledger ledger;

    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    /** What the receiver got: the signature header and the body. */
    record Received(String signature, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void serverLifeIsDeliveredInOrderSignedAndDespiteALateReceiver() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        ApiFixtures.Client client = api.customer("hook-life");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        var registered = client.api().body(Map.of("url", "http://127.0.0.1:" + port + "/hooks"))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        String secret = registered.path("secret");
        String endpoint = registered.path("webhook.id");

        // The receiver is down while the server lives its life.
        String id = client.api().body(Map.of("hostname", Fixtures.hostname("hook"), "region",
                catalog.region().toString(), "plan", catalog.plan().toString(), "template",
                catalog.template().toString())).post("/api/v1/servers").then().statusCode(202).extract()
                .path("server.id");
        UUID server = UUID.fromString(id);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
        client.api().post("/api/v1/servers/" + id + "/actions/reboot").then().statusCode(202);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING
                && api.rows("job where guest_id = '" + id + "' and state = 'SUCCEEDED'") == 2);
        client.api().delete("/api/v1/servers/" + id).then().statusCode(202);
        await().atMost(SETTLE).until(() -> servers.deleted(server));
        // This endpoint's first delivery has failed at least once (other tests' endpoints do not count).
        await().atMost(SETTLE).until(() -> api.rows("webhook_delivery where last_error is not null and endpoint_id = '"
                + endpoint + "'") > 0);

        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            got.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            List<String> expected = List.of("server.created", "job.succeeded", "server.status_changed",
                    "server.reboot", "job.succeeded", "server.status_changed", "server.deleting", "job.succeeded",
                    "server.status_changed");
            await().atMost(Duration.ofSeconds(60)).until(() -> ofServer(got, id).size() >= expected.size());
            List<JsonNode> events = ofServer(got, id);
            assertThat(events.stream().map(e -> e.get("type").asText()).toList()).isEqualTo(expected);
            assertThat(events.stream().filter(e -> e.get("type").asText().equals("server.status_changed"))
                    .map(e -> e.at("/data/status").asText()).toList()).containsExactly("RUNNING", "RUNNING",
                            "DELETED");
            List<Long> seqs = got.stream().map(r -> r.json().get("seq").asLong()).toList();
            assertThat(seqs).isSorted().doesNotHaveDuplicates();
            for (Received r : got) {
                assertThat(WebhookSignature.verify(secret, r.signature(), r.body())).as(r.body()).isTrue();
                assertThat(WebhookSignature.verify("ikw_wrong", r.signature(), r.body())).isFalse();
            }

            // The first event waited for the receiver (the later ones queued behind it, in order).
            String first = got.get(0).json().get("id").asText();
            client.api().get("/api/v1/events/" + first + "/deliveries").then().statusCode(200)
                    .body("[0].state", org.hamcrest.Matchers.equalTo("DELIVERED"))
                    .body("[0].attempts", org.hamcrest.Matchers.greaterThan(1));
            String created = events.get(0).get("id").asText();
            int before = got.size();
            client.api().post("/api/v1/events/" + created + "/replay").then().statusCode(202)
                    .body("queued", org.hamcrest.Matchers.equalTo(1));
            await().atMost(SETTLE).until(() -> got.size() > before);
            assertThat(got.get(got.size() - 1).json().get("id").asText()).isEqualTo(created);
            client.api().queryParam("after", 0).get("/api/v1/events").then().statusCode(200)
                    .body("items.type", org.hamcrest.Matchers.hasItems(expected.toArray()));
        } finally {
            receiver.stop(0);
        }
    }

    /** A removed endpoint gets nothing more, not even the retries of deliveries that failed before. */
    @Test
    void removedEndpointGetsNoMoreRetries() throws Exception {
        ApiFixtures.Client client = api.customer("hook-gone");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String endpoint = client.api().body(Map.of("url", "http://127.0.0.1:" + port + "/hooks"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");
        // Registering a second endpoint is an event the first one is sent, and fails to take while it is down.
        client.api().body(Map.of("url", "http://127.0.0.1:" + port + "/other")).post("/api/v1/webhooks").then()
                .statusCode(201);
        await().atMost(SETTLE).until(() -> api.rows("webhook_delivery where last_error is not null and endpoint_id = '"
                + endpoint + "'") > 0);
        client.api().delete("/api/v1/webhooks/" + endpoint).then().statusCode(204);

        List<String> got = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/hooks", exchange -> {
            got.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            // Retries come within the tests' 2 s backoff cap; none may reach the removed endpoint.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(got::isEmpty);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void invoiceRunDunningAndPaymentAreDeliveredSigned() throws Exception {
        // 2026-03-10  a server of the customer lives 24 h
        // run         the invoice run for 2026-03 issues EUR 0.24               -> invoice.issued
        // then        the due date is moved 4 days back; dunning's reminder     -> invoice.overdue
        // then        a payment of EUR 0.24                                     -> invoice.paid
        ApiFixtures.Client client = api.customer("hook-bill");
        List<Received> got = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            got.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String secret = client.api().body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hooks")).post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
            api.billedServer(client.tenant(), MARCH);
            RunResult result = run.run(MARCH, "test");
            UUID invoice = result.outcomes().stream().filter(o -> o.tenantId().equals(client.tenant()))
                    .map(Outcome::invoiceId).findFirst().orElseThrow();
            api.sql("update invoice set due_at = now() - interval '4 days' where id = ?1", invoice);
            assertThat(dunning.advance(invoice)).containsExactly(DunningStep.REMINDER);
            assertThat(ledger.record(client.tenant(), EntryKind.PAYMENT, "0.24", "hook-pay-1", null, "test"))
                    .isTrue();

            await().atMost(SETTLE).until(() -> ofSubject(got, invoice.toString()).size() >= 3);
            List<JsonNode> events = ofSubject(got, invoice.toString());
            assertThat(events.stream().map(e -> e.get("type").asText()).toList())
                    .containsExactly("invoice.issued", "invoice.overdue", "invoice.paid");
            assertThat(events.stream().map(e -> e.at("/data/outstanding").asText()).toList())
                    .containsExactly("0.24", "0.24", "0.00");
            assertThat(events.get(0).at("/data/total").asText()).isEqualTo("0.24");
            assertThat(events.get(0).at("/data/period").asText()).isEqualTo("2026-03");
            assertThat(events.get(0).at("/data/id").asText()).isEqualTo(invoice.toString());
            for (Received r : got) {
                assertThat(WebhookSignature.verify(secret, r.signature(), r.body())).as(r.body()).isTrue();
            }
            client.api().queryParam("after", 0).get("/api/v1/events").then().statusCode(200)
                    .body("items.type", org.hamcrest.Matchers.hasItems("invoice.issued", "invoice.overdue",
                            "invoice.paid"));
        } finally {
            receiver.stop(0);
        }
    }

    private static List<JsonNode> ofSubject(List<Received> got, String subject) {
        return got.stream().map(Received::json).filter(e -> subject.equals(e.get("subject").asText())).toList();
    }

    private static List<JsonNode> ofServer(List<Received> got, String server) {
        return got.stream().map(Received::json).filter(e -> server.equals(e.get("subject").asText())
                || server.equals(e.at("/data/server").asText())).toList();
    }
}
