package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The server list searches by hostname, filters by state, region and plan, and pages by keyset. */
@QuarkusTest
@TestSecurity(user = "lisa", roles = "customer")
class ServerListPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    Fixtures.Catalog catalog;
    String alpha;
    String beta;
    String gamma;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("lisa");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(100, 100, 1_000_000, 10_000, 100, 100, null, null, null));
        alpha = Fixtures.hostname("alpha");
        beta = Fixtures.hostname("beta");
        gamma = Fixtures.hostname("gamma");
        servers.order(tenant, catalog, alpha);
        servers.order(tenant, catalog, beta);
        servers.order(tenant, catalog, gamma);
    }

    @Test
    void searchesHostnamesCaseInsensitively() {
        String code = alpha.substring(0, 14).toUpperCase();
        given().queryParam("q", code).get("/servers").then().statusCode(200)
                .body(containsString(alpha), not(containsString(beta)), not(containsString(gamma)));
        given().queryParam("q", "no-such-server-anywhere").get("/servers").then().statusCode(200)
                .body(containsString("No server matches this filter"));
    }

    @Test
    void filtersByStateRegionAndPlanAndIgnoresNonsense() {
        given().queryParam("state", "DELETED").get("/servers").then().statusCode(200)
                .body(not(containsString(alpha)));
        given().queryParam("region", "test-region").queryParam("plan", "t-1")
                .get("/servers").then().statusCode(200).body(containsString(alpha), containsString(gamma));
        given().queryParam("region", "no-such-region").get("/servers").then().statusCode(200)
                .body(not(containsString(alpha)));
        given().queryParam("state", "nonsense").queryParam("plan", "not a code!").queryParam("after", "garbage")
                .get("/servers").then().statusCode(200).body(containsString(alpha));
    }

    @Test
    void pagesByKeysetWithoutRepeatsOrGaps() {
        String first = given().queryParam("size", "2").get("/servers").then().statusCode(200).extract().asString();
        assertThat(first).contains(gamma, beta).doesNotContain(alpha).contains("Next page");
        Matcher next = Pattern.compile("href=\"(/servers\\?size=2&amp;after=[^\"]+)\" rel=\"next\"").matcher(first);
        assertThat(next.find()).isTrue();
        String second = given().urlEncodingEnabled(false).get(next.group(1).replace("&amp;", "&")).then()
                .statusCode(200).extract().asString();
        assertThat(second).contains(alpha).doesNotContain(gamma).doesNotContain(beta).contains("First page");
    }

    @Test
    void htmxGetsRowsWhenPollingAndResultsWhenFiltering() {
        String rows = given().header("HX-Request", "true").queryParam("q", "alpha").get("/servers").then()
                .statusCode(200).extract().asString();
        assertThat(rows.strip()).startsWith("<tbody").contains(alpha).doesNotContain(beta).doesNotContain("<html");
        String results = given().header("HX-Request", "true").header("HX-Target", "server-results")
                .queryParam("q", "beta").get("/servers").then().statusCode(200).extract().asString();
        assertThat(results.strip()).startsWith("<div id=\"server-results\"").contains(beta).contains("<table")
                .doesNotContain(alpha).doesNotContain("<html");
    }

    @Test
    void everyFilterFieldHasALabel() {
        Labels.assertEveryFieldLabelled(given().get("/servers").then().statusCode(200).extract().asString());
    }
}
