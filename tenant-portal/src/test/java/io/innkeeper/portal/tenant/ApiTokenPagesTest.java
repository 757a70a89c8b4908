package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.account.ApiToken;
import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.account.TokenSecrets;
import io.innkeeper.audit.Actor;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;

/**
 * The API tokens page: a token is made with its scope, lifetime and allow-list and its secret shown that once,
 * revoked after a confirmation; bad input is refused next to its field with nothing stored; a read-only member
 * only looks; another tenant's token answers 404 and stays as it was.
 */
@QuarkusTest
class ApiTokenPagesTest {

    private static final Pattern SECRET = Pattern.compile("value=\"(ikp_[A-Za-z0-9_-]{43})\"");

    @Inject
    Fixtures fixtures;

    @Inject
    ApiTokens tokens;

    UUID tenant;
    UUID other;
    UUID reseller;
    UUID child;

    @BeforeEach
    void setUp() {
        tenant = fixtures.customer("tara");
        fixtures.member("theo", tenant, MemberRole.READ_ONLY);
        other = fixtures.customer("tobi");
        reseller = fixtures.tenantOf("resa", TenantKind.RESELLER, null);
        child = fixtures.tenantOf("resa-kid", TenantKind.CUSTOMER, reseller);
        for (UUID t : new UUID[] { tenant, other, reseller }) {
            clear(t);
        }
    }

    @Test
    @TestSecurity(user = "tara", roles = "customer")
    void ownerMakesABootstrapTokenNarrowedToSomeResources() {
        Csrf.form().formParam("name", "provisioner").formParam("scope", "WRITE").formParam("expiresInDays", "90")
                .formParam("resources", "SERVERS").formParam("bootstrap", "on").post("/api-tokens").then()
                .statusCode(422).body(containsString("at most 7 days"));
        assertThat(tokens.list(tenant)).isEmpty();
        Csrf.form().formParam("name", "provisioner").formParam("scope", "WRITE").formParam("expiresInDays", "2")
                .formParam("resources", "SERVERS").formParam("resources", "BILLING").formParam("bootstrap", "on")
                .post("/api-tokens").then().statusCode(200)
                .body(containsString("servers, billing (bootstrap: mints one token)"));
        ApiToken token = only(tenant);
        assertThat(token.bootstrap).isTrue();
        assertThat(token.resources).isEqualTo("SERVERS,BILLING");
    }

    @Test
    @TestSecurity(user = "tara", roles = "customer")
    void createsATokenShowsItsSecretOnceAndRevokesIt() {
        String page = Csrf.form().formParam("name", "backup").formParam("scope", "READ")
                .formParam("expiresInDays", "30").formParam("allowedIps", "203.0.113.7\n198.51.100.0/24\n")
                .post("/api-tokens").then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body(containsString("it will not be shown again"), containsString("<html")).extract().asString();
        Matcher m = SECRET.matcher(page);
        assertThat(m.find()).as("the secret on the page").isTrue();
        String secret = m.group(1);

        ApiToken token = only(tenant);
        assertThat(token.secretHash).isEqualTo(TokenSecrets.hash(secret));
        assertThat(token.name).isEqualTo("backup");
        assertThat(token.scope).isEqualTo(TokenScope.READ);
        assertThat(token.tenantId).isEqualTo(tenant);
        assertThat(token.allowedIps).isEqualTo("203.0.113.7,198.51.100.0/24");
        assertThat(token.expiresAt).isCloseTo(Instant.now().plus(30, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));

        given().get("/api-tokens").then().statusCode(200).body(containsString("backup"),
                containsString(token.prefix), containsString("203.0.113.7, 198.51.100.0/24"),
                containsString("never"), containsString("active"), not(containsString(secret)),
                containsString("hx-confirm=\"Revoke the token backup?"));

        given().get("/api-tokens/" + token.id + "/revoke").then().statusCode(200)
                .body(containsString("Revoke the token backup?"), containsString(token.prefix));
        Csrf.form().post("/api-tokens/" + token.id + "/revoke").then().statusCode(303)
                .header("Location", containsString("/api-tokens"));
        assertThat(only(tenant).revokedAt).isNotNull();
        assertThat(tokens.authenticate(secret, "203.0.113.7")).isEmpty();
        given().get("/api-tokens").then().statusCode(200).body(containsString("revoked"));
    }

    @Test
    @TestSecurity(user = "tara", roles = "customer")
    void htmxGetsTheTokensSectionBack() {
        String fragment = Csrf.form().header("HX-Request", "true").formParam("name", "ci")
                .formParam("scope", "WRITE").formParam("expiresInDays", "").post("/api-tokens").then()
                .statusCode(200).header("Cache-Control", containsString("no-store"))
                .body(containsString("id=\"api-tokens\""), containsString("it will not be shown again"),
                        not(containsString("<html")))
                .extract().asString();
        Matcher m = SECRET.matcher(fragment);
        assertThat(m.find()).isTrue();
        ApiToken token = only(tenant);
        assertThat(token.scope).isEqualTo(TokenScope.WRITE);
        assertThat(token.allowedIps).isNull();
        assertThat(token.expiresAt).isCloseTo(Instant.now().plus(90, ChronoUnit.DAYS), within(1, ChronoUnit.MINUTES));
        assertThat(tokens.authenticate(m.group(1), "192.0.2.1")).isPresent();

        Csrf.form().header("HX-Request", "true").post("/api-tokens/" + token.id + "/revoke").then().statusCode(200)
                .body(containsString("id=\"api-tokens\""), containsString("revoked"), not(containsString("<html")),
                        not(containsString(m.group(1))));
        assertThat(only(tenant).revokedAt).isNotNull();
    }

    @Test
    @TestSecurity(user = "tara", roles = "customer")
    void badInputIsRefusedNextToItsFieldAndNothingIsStored() {
        refused("name", "", "WRITE", "30", "", "", "1 to 100 characters");
        refused("expiresInDays", "t", "WRITE", "soon", "", "", "from 1 to 366");
        refused("expiresInDays", "t", "WRITE", "400", "", "", "from 1 to 366");
        refused("expiresInDays", "t", "WRITE", "0", "", "", "from 1 to 366");
        refused("scope", "t", "ADMIN", "30", "", "", "Choose read or write");
        refused("allowedIps", "t", "READ", "30", "203.0.113.7\nexample.com", "", "is not an IP address or CIDR range");
        refused("subAccount", "t", "READ", "30", "", UUID.randomUUID().toString(), "no such sub-account");
        refused("subAccount", "t", "READ", "30", "", "not-an-id", "no such sub-account");
        String fragment = Csrf.form().header("HX-Request", "true").formParam("name", "t")
                .formParam("scope", "READ").formParam("expiresInDays", "x").post("/api-tokens").then()
                .statusCode(422).body(containsString("id=\"expiresInDays-error\""), not(containsString("<html")),
                        not(containsString("ikp_")))
                .extract().asString();
        Labels.assertEveryFieldLabelled(fragment);
        assertThat(count(tenant)).isZero();
        Labels.assertEveryFieldLabelled(given().get("/api-tokens").then().extract().asString());
    }

    @Test
    @TestSecurity(user = "resa", roles = "reseller")
    void resellerNarrowsATokenToOneCustomer() {
        UUID stranger = fixtures.tenantOf("tobi-kid", TenantKind.CUSTOMER, fixtures.tenantOf("resa-rival",
                TenantKind.RESELLER, null));
        String form = given().get("/api-tokens").then().statusCode(200)
                .body(containsString("id=\"subAccount\""), containsString("Tenant of resa-kid only"))
                .extract().asString();
        Labels.assertEveryFieldLabelled(form);
        Csrf.form().formParam("name", "t").formParam("scope", "READ").formParam("expiresInDays", "7")
                .formParam("subAccount", stranger.toString()).post("/api-tokens").then().statusCode(422)
                .body(containsString("id=\"subAccount-error\""));
        assertThat(count(reseller)).isZero();

        Csrf.form().formParam("name", "for-kid").formParam("scope", "READ").formParam("expiresInDays", "7")
                .formParam("subAccount", child.toString()).post("/api-tokens").then().statusCode(200)
                .body(containsString("it will not be shown again"));
        ApiToken token = only(reseller);
        assertThat(token.tenantId).isEqualTo(child);
        given().get("/api-tokens").then().statusCode(200).body(containsString("Acts for"),
                containsString("Tenant of resa-kid"));
    }

    @Test
    @TestSecurity(user = "theo", roles = "customer")
    void readOnlyMemberSeesTheTokensAndChangesNothing() {
        UUID id = tokens.create(Actor.SYSTEM, tenant, new ApiTokens.NewToken("tara-script", null, null, null, null))
                .token().id();
        given().get("/api-tokens").then().statusCode(200).body(containsString("tara-script"),
                not(containsString("Create token")), not(containsString("/revoke")));
        for (String action : new String[] { "/api-tokens", "/api-tokens/" + id + "/revoke" }) {
            Csrf.form().formParam("name", "intruder").formParam("scope", "WRITE").post(action).then().statusCode(403);
            Csrf.form().header("HX-Request", "true").formParam("name", "intruder").post(action).then()
                    .statusCode(403);
        }
        assertThat(count(tenant)).isEqualTo(1);
        assertThat(only(tenant).revokedAt).isNull();
    }

    @Test
    @TestSecurity(user = "tobi", roles = "customer")
    void anotherTenantsTokenIsNotFound() {
        UUID id = tokens.create(Actor.SYSTEM, tenant, new ApiTokens.NewToken("tara-script", null, null, null, null))
                .token().id();
        given().get("/api-tokens").then().statusCode(200).body(not(containsString("tara-script")));
        given().get("/api-tokens/" + id + "/revoke").then().statusCode(404);
        Csrf.form().post("/api-tokens/" + id + "/revoke").then().statusCode(404);
        Csrf.form().header("HX-Request", "true").post("/api-tokens/" + id + "/revoke").then().statusCode(404);
        assertThat(only(tenant).revokedAt).isNull();
        assertThat(count(other)).isZero();
    }

    private void refused(String field, String name, String scope, String days, String ips, String sub,
            String reason) {
        Csrf.form().formParam("name", name).formParam("scope", scope).formParam("expiresInDays", days)
                .formParam("allowedIps", ips).formParam("subAccount", sub).post("/api-tokens").then()
                .statusCode(422).body(containsString("id=\"" + field + "-error\""), containsString(reason),
                        not(containsString("ikp_")));
    }

    @Transactional
    long count(UUID owner) {
        return ApiToken.count("ownerTenant", owner);
    }

    @Transactional
    ApiToken only(UUID owner) {
        return ApiToken.<ApiToken>find("ownerTenant", owner).singleResult();
    }

    @Transactional
    void clear(UUID owner) {
        ApiToken.delete("ownerTenant", owner);
    }
}
