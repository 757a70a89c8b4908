package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

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

/**
 * Pages that htmx pushes into the history say that their body varies by the htmx headers, and answer the whole
 * page to htmx's history restore, so Back never shows a bare fragment.
 */
@QuarkusTest
@TestSecurity(user = "hilda", roles = "customer")
class HtmxHistoryTest {

    static final String LAYOUT = "<nav aria-label=\"Main\">";

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    UUID server;
    String hostname;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("hilda");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(20, 20, 100_000, 1000, 20, 20, null, null, null));
        hostname = Fixtures.hostname("history");
        server = servers.order(tenant, catalog, hostname);
    }

    @Test
    void filteredListVariesByTheHtmxHeaders() {
        String q = hostname.substring(0, 14);
        given().queryParam("q", q).get("/servers").then().statusCode(200)
                .header("Vary", allOf(containsString("HX-Request"), containsString("HX-Target")))
                .body(containsString(LAYOUT), containsString(hostname));
        given().queryParam("q", q).header("HX-Request", "true").header("HX-Target", "server-results")
                .get("/servers").then().statusCode(200)
                .header("Vary", containsString("HX-Request"))
                .body(containsString("id=\"server-results\""), containsString(hostname), not(containsString(LAYOUT)));
    }

    @Test
    void historyRestoreGetsTheWholePage() {
        String q = hostname.substring(0, 14);
        given().queryParam("q", q).header("HX-Request", "true").header("HX-Target", "server-results")
                .header("HX-History-Restore-Request", "true").get("/servers").then().statusCode(200)
                .header("Vary", containsString("HX-Request"))
                .body(containsString("<!DOCTYPE html>"), containsString(LAYOUT), containsString("id=\"q\""),
                        containsString(hostname));
        given().header("HX-Request", "true").header("HX-History-Restore-Request", "true").get("/servers/" + server)
                .then().statusCode(200).body(containsString(LAYOUT), containsString("<h1>" + hostname + "</h1>"));
        given().header("HX-Request", "true").get("/servers/" + server).then().statusCode(200)
                .header("Vary", containsString("HX-Request"))
                .body(containsString("id=\"server-status\""), not(containsString(LAYOUT)));
    }
}
