package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.account.TokenSecrets;
import io.innkeeper.audit.Actor;
import io.innkeeper.testing.Fixtures;

/** Panel API tokens as bearer tokens beside Keycloak's: who they act for, what they may do, and when they stop. */
@QuarkusTest
class ApiTokenAuthTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    io.innkeeper.testing.Servers servers;

    @Inject
    ApiTokens tokens;

    @Test
    void tokenActsForItsTenant() {
        ApiFixtures.Client client = api.customer("tok-own");
        client.api().get("/api/v1/account").then().statusCode(200)
                .body("id", equalTo(client.tenant().toString()))
                .body("kind", equalTo("CUSTOMER"));
    }

    @Test
    void missingOrUnknownTokenAnswers401WithProblemJson() {
        given().accept(ContentType.JSON).get("/api/v1/account").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        given().header("Authorization", "Bearer " + TokenSecrets.newToken()).get("/api/v1/account").then()
                .statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer ikp_short").get("/api/v1/account").then().statusCode(401);
    }

    @Test
    void invalidExpiredOrBadlySignedBearerTokensAnswer401WithProblemJson() {
        fixtures.customer("erin");
        String real = Keycloak.accessToken("erin");
        String[] parts = real.split("\\.");
        String badlySigned = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String expired = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(("{\"sub\":\"erin\",\"preferred_username\":\"erin\",\"exp\":1000000000,"
                        + "\"iss\":\"" + Keycloak.REALM + "\"}").getBytes()) + "."
                + b64.encodeToString("not-a-signature".getBytes());
        for (String bearer : List.of("not-a-jwt", "a.b.c", badlySigned, expired, TokenSecrets.newToken(),
                "ikp_short")) {
            for (String path : List.of("/api/v1/account", "/api/v1/servers")) {
                given().header("Authorization", "Bearer " + bearer).accept(ContentType.JSON).get(path).then()
                        .statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("type", equalTo("about:blank")).body("status", equalTo(401))
                        .body("title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
            }
        }
        given().header("Authorization", "Bearer " + badlySigned).contentType(ContentType.JSON)
                .body(Map.of("name", "x")).post("/api/v1/tokens").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(real).get("/api/v1/tokens").then().statusCode(200);
    }

    @Test
    void onlyTheHashIsStoredAndTheSecretHasItsPrefix() {
        ApiFixtures.Client client = api.customer("tok-hash");
        assertThat(client.token()).startsWith("ikp_").hasSize(47);
        assertThat(api.rows("api_token where secret_hash = '" + TokenSecrets.hash(client.token()) + "'"))
                .isEqualTo(1);
        assertThat(api.rows("api_token where secret_hash = '" + client.token() + "' or prefix = '"
                + client.token() + "'")).isZero();
    }

    @Test
    void revokedAndExpiredTokensStopWorking() {
        ApiFixtures.Client client = api.customer("tok-rev");
        ApiTokens.Created second = tokens.create(new Actor(client.login(), client.tenant(), null, null),
                client.tenant(), new ApiTokens.NewToken("second", TokenScope.WRITE, null, null, null));
        given().auth().oauth2(second.secret()).get("/api/v1/account").then().statusCode(200);
        tokens.revoke(Actor.SYSTEM, client.tenant(), second.token().id());
        given().auth().oauth2(second.secret()).get("/api/v1/account").then().statusCode(401);

        api.sql("update api_token set expires_at = now() - interval '1 second' where secret_hash = ?1",
                TokenSecrets.hash(client.token()));
        client.api().get("/api/v1/account").then().statusCode(401);
    }

    @Test
    void allowListDecidesWhichAddressesMayUseIt() {
        ApiFixtures.Client client = api.customer("tok-ip");
        Actor actor = new Actor(client.login(), client.tenant(), null, null);
        String elsewhere = tokens.create(actor, client.tenant(), new ApiTokens.NewToken("far", TokenScope.WRITE,
                null, null, List.of("203.0.113.0/24"))).secret();
        String here = tokens.create(actor, client.tenant(), new ApiTokens.NewToken("near", TokenScope.WRITE,
                null, null, List.of("203.0.113.0/24", "127.0.0.1"))).secret();
        given().auth().oauth2(elsewhere).get("/api/v1/account").then().statusCode(401);
        given().auth().oauth2(here).get("/api/v1/account").then().statusCode(200);
    }

    @Test
    void readTokenMayReadButNotWrite() {
        ApiFixtures.Client client = api.customer("tok-read");
        String read = api.token(client.login(), client.tenant(), TokenScope.READ, null);
        long keys = api.rows("ssh_key");
        given().auth().oauth2(read).get("/api/v1/ssh-keys").then().statusCode(200);
        given().auth().oauth2(read).contentType(ContentType.JSON)
                .body(Map.of("name", "k", "publicKey", SshKeyExamples.ED25519))
                .post("/api/v1/ssh-keys").then().statusCode(403).contentType("application/problem+json");
        assertThat(api.rows("ssh_key")).isEqualTo(keys);
    }

    @Test
    void resellerTokenNarrowedToOneCustomerSeesOnlyThatCustomer() {
        ApiFixtures.Client reseller = api.reseller("tok-res");
        ApiFixtures.Client carol = api.customerOf(reseller, "tok-carol");
        ApiFixtures.Client other = api.customerOf(reseller, "tok-other");
        String narrowed = api.token(reseller.login(), reseller.tenant(), TokenScope.WRITE, carol.tenant());
        given().auth().oauth2(narrowed).get("/api/v1/account").then().statusCode(200)
                .body("id", equalTo(carol.tenant().toString()));
        given().auth().oauth2(narrowed).get("/api/v1/sub-accounts/" + other.tenant()).then().statusCode(403);
        reseller.api().get("/api/v1/sub-accounts/" + other.tenant()).then().statusCode(200);
    }

    @Test
    void keycloakAccessTokenWorksAndCreatesATokenShownOnce() {
        UUID erin = fixtures.customer("erin");
        String jwt = Keycloak.accessToken("erin");
        given().auth().oauth2(jwt).get("/api/v1/account").then().statusCode(200).body("id", equalTo(erin.toString()));

        var created = given().auth().oauth2(jwt).contentType(ContentType.JSON)
                .body(Map.of("name", "ci", "scope", "READ"))
                .post("/api/v1/tokens").then().statusCode(201)
                .body("secret", startsWith("ikp_")).body("token.scope", equalTo("READ")).extract();
        String secret = created.path("secret");
        String id = created.path("token.id");
        given().auth().oauth2(secret).get("/api/v1/account").then().statusCode(200)
                .body("id", equalTo(erin.toString()));
        given().auth().oauth2(jwt).get("/api/v1/tokens").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.prefix", equalTo(secret.substring(0, 10)))
                .body("find { it.id == '" + id + "' }.secret", equalTo(null));
        given().auth().oauth2(secret).get("/api/v1/tokens").then().statusCode(403);
        given().auth().oauth2(jwt).delete("/api/v1/tokens/" + id).then().statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(secret).get("/api/v1/account").then().statusCode(401);
    }

    /** The server list answers on the I/O thread and finds a Keycloak caller's account there too. */
    @Test
    void keycloakCallersListTheirOwnServersAndALoginWithoutAnAccountIsRefused() {
        UUID erin = fixtures.customer("erin");
        String hostname = Fixtures.hostname("kc-list");
        UUID server = servers.order(erin, fixtures.catalog(), hostname);
        given().auth().oauth2(Keycloak.accessToken("erin")).get("/api/v1/servers").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(server.toString()))
                .body("items.account", org.hamcrest.Matchers.everyItem(equalTo(erin.toString())))
                .body("items.find { it.id == '" + server + "' }.hostname", equalTo(hostname));
        given().auth().oauth2(Keycloak.accessToken("admin")).get("/api/v1/servers").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo(io.innkeeper.tenancy.Caller.NO_TENANT));
    }

    /**
     * A token acts with its maker's role as it was when the token was last checked: once the maker is made
     * read-only, the token's writes are refused (within the few seconds a check is kept), and its reads go on.
     */
    @Test
    void aTokenOfAMemberMadeReadOnlyStopsWritingButStillReads() {
        UUID tenant = fixtures.customer("tok-owner-" + UUID.randomUUID().toString().substring(0, 6));
        String login = "tok-member-" + UUID.randomUUID().toString().substring(0, 6);
        fixtures.member(login, tenant, io.innkeeper.tenancy.MemberRole.MEMBER);
        String secret = api.token(login, tenant, TokenScope.WRITE, null);
        String key = SshKeyExamples.ED25519;
        given().auth().oauth2(secret).contentType(ContentType.JSON).body(Map.of("name", "laptop", "publicKey", key))
                .post("/api/v1/ssh-keys").then().statusCode(201);

        api.sql("update membership set role = 'READ_ONLY' where login = ?1", login);
        // A dry run writes nothing either way: refused (403) as read-only, or checked (400 for an empty order).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(500)).untilAsserted(() -> given().auth().oauth2(secret)
                        .contentType(ContentType.JSON).body("{}").post("/api/v1/servers/dry-run").then()
                        .statusCode(403).contentType("application/problem+json"));
        given().auth().oauth2(secret).contentType(ContentType.JSON).body(Map.of("name", "desk", "publicKey",
                SshKeyExamples.ED25519_SECOND)).post("/api/v1/ssh-keys").then().statusCode(403);
        given().auth().oauth2(secret).get("/api/v1/ssh-keys").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.contains("laptop"));
    }
}
