package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenResource;
import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Fixtures;

/**
 * Tokens for machines: narrowed to reading, to one customer, to some resources, and the bootstrap token that mints
 * an integration's token once. Every refusal is a 403 problem naming what the token lacks.
 */
@QuarkusTest
class ApiTokenScopesTest {

    @Inject
    ApiFixtures api;

    @Inject
    ApiTokens tokens;

    @Inject
    Fixtures fixtures;

    private String token(ApiFixtures.Client owner, TokenScope scope, UUID subAccount, Set<TokenResource> resources,
            boolean bootstrap) {
        return tokens.create(new Actor(owner.login(), owner.tenant(), "127.0.0.1", null), owner.tenant(),
                new ApiTokens.NewToken("machine", scope, subAccount, null, null, resources, bootstrap)).secret();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    @Test
    void readOnlyTokenReadsAndIsRefusedEveryWriteNamingTheScope() {
        ApiFixtures.Client client = api.customer("scope-ro");
        String read = token(client, TokenScope.READ, null, null, false);
        as(read).get("/api/v1/ssh-keys").then().statusCode(200);
        as(read).body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519)).post("/api/v1/ssh-keys").then()
                .statusCode(403).contentType("application/problem+json")
                .body("errors.scope", containsString("WRITE"));
        as(read).body(Map.of("url", "https://hooks.example.com/x")).post("/api/v1/webhooks").then().statusCode(403)
                .body("errors.scope", containsString("WRITE"));
        assertThat(api.rows("ssh_key where tenant_id = '" + client.tenant() + "'")).isZero();
        assertThat(api.rows("webhook_endpoint where tenant_id = '" + client.tenant() + "'")).isZero();
    }

    @Test
    void resourceNarrowedTokenReachesOnlyItsResources() {
        ApiFixtures.Client client = api.customer("scope-res");
        String billing = token(client, TokenScope.WRITE, null, Set.of(TokenResource.BILLING), false);
        as(billing).get("/api/v1/invoices").then().statusCode(200);
        as(billing).get("/api/v1/account/balance").then().statusCode(200);
        as(billing).get("/api/v1/plans").then().statusCode(200);
        as(billing).get("/api/v1/servers").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Token scope missing")).body("errors.scope", containsString("SERVERS"));
        as(billing).get("/api/v1/account").then().statusCode(403).body("errors.scope", containsString("ACCOUNTS"));
        as(billing).body(Map.of("name", "laptop", "publicKey", SshKeyExamples.ED25519)).post("/api/v1/ssh-keys")
                .then().statusCode(403).body("errors.scope", containsString("SERVERS"));

        String servers = token(client, TokenScope.WRITE, null, Set.of(TokenResource.SERVERS), false);
        as(servers).get("/api/v1/servers").then().statusCode(200);
        as(servers).get("/api/v1/invoices").then().statusCode(403).body("errors.scope", containsString("BILLING"));
        as(servers).get("/api/v1/account/balance").then().statusCode(403)
                .body("errors.scope", containsString("BILLING"));
        as(servers).get("/api/v1/webhooks").then().statusCode(403).body("errors.scope", containsString("ACCOUNTS"));
    }

    @Test
    void customerScopedTokenSeesOnlyThatCustomer() {
        ApiFixtures.Client reseller = api.reseller("scope-res");
        ApiFixtures.Client mine = api.customerOf(reseller, "scope-a");
        ApiFixtures.Client sibling = api.customerOf(reseller, "scope-b");
        String narrowed = token(reseller, TokenScope.WRITE, mine.tenant(), null, false);
        String siblingKey = sibling.api().body(Map.of("name", "k", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        String resellerKey = reseller.api().body(Map.of("name", "k", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(201).extract().path("id");
        String siblingHook = sibling.api().body(Map.of("url", "https://hooks.example.com/b"))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("webhook.id");

        as(narrowed).get("/api/v1/account").then().statusCode(200).body("id", equalTo(mine.tenant().toString()));
        as(narrowed).get("/api/v1/ssh-keys").then().statusCode(200).body("size()", equalTo(0));
        as(narrowed).get("/api/v1/ssh-keys/" + siblingKey).then().statusCode(404);
        as(narrowed).get("/api/v1/ssh-keys/" + resellerKey).then().statusCode(404);
        as(narrowed).get("/api/v1/webhooks/" + siblingHook).then().statusCode(404);
        as(narrowed).post("/api/v1/webhooks/" + siblingHook + "/ping").then().statusCode(404);
        as(narrowed).post("/api/v1/sub-accounts/" + sibling.tenant() + "/login-link").then()
                .statusCode(org.hamcrest.Matchers.oneOf(403, 404));
    }

    @Test
    void bootstrapTokenMintsOneTokenWithinItsLimitsAndIsUsedUp() {
        ApiFixtures.Client owner = api.customer("scope-boot");
        String boot = token(owner, TokenScope.READ, null, Set.of(TokenResource.SERVERS, TokenResource.BILLING), true);
        as(boot).get("/api/v1/servers").then().statusCode(403).body("title", equalTo("Bootstrap token"))
                .body("errors", hasKey("scope"));
        as(boot).get("/api/v1/tokens").then().statusCode(403).body("title", equalTo("Bootstrap token"));

        as(boot).body(Map.of("name", "ci", "scope", "WRITE")).post("/api/v1/tokens").then().statusCode(400)
                .body("errors", hasKey("scope"));
        as(boot).body(Map.of("name", "ci", "resources", List.of("ACCOUNTS"))).post("/api/v1/tokens").then()
                .statusCode(400).body("errors", hasKey("resources"));
        as(boot).body(Map.of("name", "ci", "bootstrap", true)).post("/api/v1/tokens").then().statusCode(400)
                .body("errors", hasKey("bootstrap"));
        as(boot).body(Map.of("name", "ci", "resources", List.of("ROOT"))).post("/api/v1/tokens").then()
                .statusCode(400).body("errors.keySet()", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.startsWith("resources")));
        as(boot).body(Map.of("name", "ci", "resources", "SERVERS")).post("/api/v1/tokens").then().statusCode(400)
                .body("errors", hasKey("resources"));
        as(boot).body(Map.of("name", "ci", "resources", List.of())).post("/api/v1/tokens").then().statusCode(400)
                .body("errors", hasKey("resources"));
        as(boot).body(Map.of("name", "")).post("/api/v1/tokens").then().statusCode(400).body("errors", hasKey("name"));

        var minted = as(boot).body(Map.of("name", "ci", "resources", List.of("SERVERS"))).post("/api/v1/tokens")
                .then().statusCode(201).body("token.scope", equalTo("READ"))
                .body("token.resources", equalTo(List.of("SERVERS"))).body("token.bootstrap", equalTo(false))
                .extract();
        String secret = minted.path("secret");
        as(secret).get("/api/v1/servers").then().statusCode(200);
        as(secret).get("/api/v1/invoices").then().statusCode(403).body("errors.scope", containsString("BILLING"));

        // Used up: it mints nothing more, and the one it minted is its maker's.
        as(boot).body(Map.of("name", "again")).post("/api/v1/tokens").then().statusCode(401);
        assertThat(api.rows("api_token where owner_tenant = '" + owner.tenant() + "' and created_by = '"
                + owner.login() + "' and name = 'ci' and not bootstrap")).isEqualTo(1);
        assertThat(api.rows("audit_event where action = 'token.create' and tenant_id = '" + owner.tenant() + "'"))
                .isEqualTo(3);
    }

    @Test
    void onlyAnOwnerMakesABootstrapToken() {
        ApiFixtures.Client owner = api.customer("scope-own");
        String member = "scope-mem-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.member(member, owner.tenant(), MemberRole.MEMBER);
        assertThatThrownBy(() -> tokens.create(new Actor(member, owner.tenant(), "127.0.0.1", null), owner.tenant(),
                new ApiTokens.NewToken("boot", TokenScope.WRITE, null, null, null, null, true)))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors().asMap()).containsKey("bootstrap"));
    }
}
