package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** SSH keys, sub-accounts and their quotas and suspensions, through HTTP. */
@QuarkusTest
class ApiAccountTest {

    @Inject
    ApiFixtures api;

    @Test
    void sshKeysAreParsedStoredListedAndRemoved() {
        ApiFixtures.Client client = api.customer("keys");
        String id = client.api().body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201).body("type", equalTo("ssh-ed25519"))
                .body("fingerprint", equalTo(SshKeyExamples.ED25519_FINGERPRINT)).extract().path("id");
        client.api().body(Map.of("name", "desk", "publicKey", SshKeyExamples.RSA_2048)).post("/api/v1/ssh-keys")
                .then().statusCode(201).body("fingerprint", equalTo(SshKeyExamples.RSA_2048_FINGERPRINT));
        client.api().body(Map.of("name", "again", "publicKey", SshKeyExamples.ED25519)).post("/api/v1/ssh-keys")
                .then().statusCode(400).body("errors.publicKey", equalTo("This key is on the account already."));
        client.api().get("/api/v1/ssh-keys").then().statusCode(200).body("size()", equalTo(2));
        client.api().get("/api/v1/ssh-keys/" + id).then().statusCode(200).body("name", equalTo("laptop"));
        client.api().delete("/api/v1/ssh-keys/" + id).then().statusCode(204);
        client.api().get("/api/v1/ssh-keys/" + id).then().statusCode(404);
    }

    @Test
    void resellerCreatesCustomersGivesThemQuotaFromThePoolAndSuspendsThem() {
        ApiFixtures.Client reseller = api.reseller("subs");
        String ref = "shop-" + java.util.UUID.randomUUID();
        String id = reseller.api().header("Idempotency-Key", ref)
                .body(Map.of("name", "Carol's Bakery", "externalRef", ref)).post("/api/v1/sub-accounts").then()
                .statusCode(201).body("account.name", equalTo("Carol's Bakery"))
                .body("account.externalRef", equalTo(ref)).body("quota.servers", equalTo(0)).extract()
                .path("account.id");
        reseller.api().header("Idempotency-Key", ref).body(Map.of("name", "Carol's Bakery", "externalRef", ref))
                .post("/api/v1/sub-accounts").then().statusCode(201).body("account.id", equalTo(id));
        reseller.api().get("/api/v1/sub-accounts").then().statusCode(200).body("id", hasItem(id));
        reseller.api().queryParam("externalRef", ref).get("/api/v1/sub-accounts").then().statusCode(200)
                .body("id", equalTo(java.util.List.of(id)));
        reseller.api().queryParam("externalRef", "nobody").get("/api/v1/sub-accounts").then().statusCode(200)
                .body("size()", equalTo(0));
        Map<String, Object> quota = Map.of("servers", 3, "vcpus", 6, "memoryMib", 8192, "diskGib", 100, "ipv4", 3,
                "snapshots", 3);
        reseller.api().body(quota).put("/api/v1/sub-accounts/" + id + "/quota").then().statusCode(200)
                .body("quota.servers", equalTo(3));
        Map<String, Object> tooMuch = new java.util.HashMap<>(quota);
        tooMuch.put("vcpus", 10_000);
        reseller.api().body(tooMuch).put("/api/v1/sub-accounts/" + id + "/quota").then().statusCode(400)
                .contentType("application/problem+json").body("errors.vcpus", notNullValue());
        reseller.api().get("/api/v1/sub-accounts/" + id).then().statusCode(200).body("quota.vcpus", equalTo(6));
        reseller.api().body(Map.of("reason", "Unpaid invoice 7")).post("/api/v1/sub-accounts/" + id + "/suspend")
                .then().statusCode(200).body("account.status", equalTo("SUSPENDED"));
        reseller.api().post("/api/v1/sub-accounts/" + id + "/unsuspend").then().statusCode(200)
                .body("account.status", equalTo("ACTIVE"));
    }

    @Test
    void aCustomerHasNoSubAccounts() {
        ApiFixtures.Client client = api.customer("nosubs");
        long tenants = api.rows("tenant");
        client.api().get("/api/v1/sub-accounts").then().statusCode(403).contentType("application/problem+json");
        client.api().body(Map.of("name", "x")).post("/api/v1/sub-accounts").then().statusCode(403);
        assertThat(api.rows("tenant")).isEqualTo(tenants);
    }

    @Test
    void webhookEndpointsAreRegisteredWithASecretShownOnceAndRemoved() {
        ApiFixtures.Client client = api.customer("hooks");
        var made = client.api().body(Map.of("url", "https://hooks.example.com/innkeeper")).post("/api/v1/webhooks")
                .then().statusCode(201).body("secret", org.hamcrest.Matchers.startsWith("ikw_")).extract();
        String id = made.path("webhook.id");
        client.api().get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(id))
                .body("find { it.id == '" + id + "' }.secret", equalTo(null));
        client.api().get("/api/v1/events").then().statusCode(200)
                .body("items.type", hasItem("account.webhook_created"));
        client.api().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        client.api().get("/api/v1/webhooks").then().statusCode(200).body("size()", equalTo(0));
    }
}
