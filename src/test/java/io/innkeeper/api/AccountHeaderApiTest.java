package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.AccountChoice;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Memberships;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Servers;

/**
 * A real Keycloak login in two accounts calls the API with its access token: without the Innkeeper-Account header
 * it acts for its oldest account, with it for the one it names, on the non-blocking server list and on the other
 * resources alike; naming an account it is not in, or no account id, is refused naming the header.
 */
@QuarkusTest
class AccountHeaderApiTest {

    /** A login of this run only, so other tests' logins keep one account each; the realm's usernames are e-mails. */
    static final String PASSWORD = "Several-Accounts-" + UUID.randomUUID().toString().substring(0, 8);
    static final String LOGIN = "h3-api-" + UUID.randomUUID().toString().substring(0, 8) + "@innkeeper.test";

    static boolean made;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    Memberships memberships;

    UUID own;
    UUID other;
    UUID foreign;
    UUID ownServer;
    String ownHost;
    String otherHost;
    String foreignHost;
    String jwt;

    @BeforeEach
    void setUp() {
        if (!made) {
            KeycloakUsers.create(LOGIN, LOGIN, PASSWORD, "customer");
            made = true;
        }
        Fixtures.Catalog catalog = fixtures.catalog();
        own = fixtures.customer(LOGIN);
        other = fixtures.customer(LOGIN + "-other");
        foreign = fixtures.customer(LOGIN + "-foreign");
        for (UUID t : new UUID[] { own, other, foreign }) {
            quotas.set(Actor.SYSTEM, t, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        }
        if (memberships.list(other).stream().noneMatch(m -> m.login().equals(LOGIN))) {
            memberships.add(Actor.SYSTEM, MemberRole.OWNER, other, LOGIN, "MEMBER");
        }
        ownHost = Fixtures.hostname("api-own");
        otherHost = Fixtures.hostname("api-other");
        foreignHost = Fixtures.hostname("api-foreign");
        ownServer = servers.order(own, catalog, ownHost);
        servers.order(other, catalog, otherHost);
        servers.order(foreign, catalog, foreignHost);
        jwt = Keycloak.accessToken(LOGIN, PASSWORD);
    }

    @AfterAll
    static void removeLogin() {
        KeycloakUsers.delete(LOGIN);
    }

    @Test
    void withoutTheHeaderTheOldestAccountAndWithItTheNamedOne() {
        api(null).get("/api/v1/servers").then().statusCode(200)
                .body("items.hostname", hasItem(ownHost))
                .body("items.hostname", not(hasItem(otherHost)))
                .body("items.hostname", not(hasItem(foreignHost)));
        api(null).get("/api/v1/account").then().statusCode(200).body("id", equalTo(own.toString()));

        api(other).get("/api/v1/servers").then().statusCode(200)
                .body("items.hostname", hasItem(otherHost))
                .body("items.hostname", not(hasItem(ownHost)));
        api(other).get("/api/v1/account").then().statusCode(200).body("id", equalTo(other.toString()));
        api(other).get("/api/v1/servers/" + ownServer).then().statusCode(404);
        api(own).get("/api/v1/servers/" + ownServer).then().statusCode(200);
    }

    @Test
    void anAccountTheLoginIsNotInIsRefusedNamingTheHeader() {
        for (String path : new String[] { "/api/v1/servers", "/api/v1/account" }) {
            api(foreign).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("errors", hasKey(AccountChoice.HEADER));
            given().auth().oauth2(jwt).header(AccountChoice.HEADER, "not-an-account").get(path).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors", hasKey(AccountChoice.HEADER));
        }
        String stolen = Fixtures.hostname("api-stolen");
        api(foreign).contentType("application/json").body("{\"hostname\": \"" + stolen + "\"}")
                .post("/api/v1/servers").then().statusCode(403);
        org.assertj.core.api.Assertions.assertThat(servers.withHostname(stolen)).isZero();
    }

    @Test
    void theCookieOfThePortalDoesNotOverrideTheHeader() {
        api(own).cookie(AccountChoice.COOKIE, other.toString()).get("/api/v1/account").then().statusCode(200)
                .body("id", equalTo(own.toString()));
        given().auth().oauth2(jwt).cookie(AccountChoice.COOKIE, foreign.toString()).get("/api/v1/account").then()
                .statusCode(200).body("id", equalTo(own.toString()));
    }

    private RequestSpecification api(UUID account) {
        RequestSpecification request = given().auth().oauth2(jwt);
        return account == null ? request : request.header(AccountChoice.HEADER, account.toString());
    }
}
