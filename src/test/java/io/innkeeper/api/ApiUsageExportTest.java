package io.innkeeper.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A month's usage for rebilling, per account, in JSON and CSV, for the caller and a reseller's customer, never for
 * another account; and deleted servers listed with their deletion time for reconciliation.
 */
@QuarkusTest
class ApiUsageExportTest {

    @Inject
    ApiFixtures api;

    @Test
    void aResellerExportsItsCustomersMonthInJsonAndCsvAndNobodyElseCan() {
        ApiFixtures.Client rita = api.reseller("ux-rita");
        ApiFixtures.Client carol = api.customerOf(rita, "ux-carol");
        ApiFixtures.Client other = api.customer("ux-other");
        // A server of Carol lived 24 h of 10 January at EUR 0.0100 an hour: EUR 0.24.
        UUID server = api.billedServer(carol.tenant(), YearMonth.of(2026, 1));

        JsonPath usage = rita.api().queryParam("month", "2026-01").queryParam("account", carol.tenant().toString())
                .get("/api/v1/usage").then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(usage.getString("account")).isEqualTo(carol.tenant().toString());
        assertThat(usage.getString("month")).isEqualTo("2026-01");
        assertThat(usage.getString("total.amount")).isEqualTo("0.24");
        assertThat(usage.getString("lines.find { it.kind == 'SERVER' }.server")).isEqualTo(server.toString());
        assertThat(usage.getString("lines.find { it.kind == 'SERVER' }.quantity")).isEqualTo("24");
        assertThat(usage.getString("lines.find { it.kind == 'SERVER' }.amount.amount")).isEqualTo("0.24");
        carol.api().queryParam("month", "2026-01").get("/api/v1/usage").then().statusCode(200)
                .body("total.amount", equalTo("0.24"));
        // Rita's own servers are not Carol's: her own export has none of them.
        rita.api().queryParam("month", "2026-01").get("/api/v1/usage").then().statusCode(200)
                .body("lines.server", not(hasItem(server.toString())));

        String csv = rita.api().queryParam("month", "2026-01").queryParam("account", carol.tenant().toString())
                .queryParam("format", "csv").get("/api/v1/usage").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv")).extract().asString();
        String[] rows = csv.split("\n");
        assertThat(rows[0]).isEqualTo("account,month,kind,server,hostname,plan,description,quantity,unit,unitPrice,"
                + "amount,currency,usageFrom,usageTo");
        assertThat(csv).contains(carol.tenant() + ",2026-01,SERVER," + server + ",");
        assertThat(csv).contains(",24,h,0.0100,0.24,EUR,");
        given().header("Authorization", "Bearer " + carol.token()).accept("text/csv").queryParam("month", "2026-01")
                .get("/api/v1/usage").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));

        other.api().queryParam("month", "2026-01").queryParam("account", carol.tenant().toString())
                .get("/api/v1/usage").then().statusCode(404).contentType("application/problem+json");
        carol.api().queryParam("month", "2026-01").queryParam("account", rita.tenant().toString())
                .get("/api/v1/usage").then().statusCode(404).contentType("application/problem+json");
        other.api().queryParam("month", "2026-01").queryParam("account", UUID.randomUUID().toString())
                .get("/api/v1/usage").then().statusCode(404);
    }

    @Test
    void deletedServersAreListedWithTheirDeletionTimeInTheirScopeOnly() {
        ApiFixtures.Client rita = api.reseller("del-rita");
        ApiFixtures.Client carol = api.customerOf(rita, "del-carol");
        ApiFixtures.Client other = api.customer("del-other");
        UUID server = api.billedServer(carol.tenant(), YearMonth.of(2026, 2));

        carol.api().queryParam("status", "DELETED").get("/api/v1/servers").then().statusCode(200)
                .body("items.find { it.id == '" + server + "' }.deletedAt", equalTo("2026-02-11T00:00:00Z"))
                .body("items.find { it.id == '" + server + "' }.status", equalTo("DELETED"));
        carol.api().get("/api/v1/servers").then().statusCode(200).body("items.id", not(hasItem(server.toString())))
                .body("items.deletedAt", not(hasItem(org.hamcrest.Matchers.notNullValue())));
        rita.api().queryParam("status", "deleted").get("/api/v1/servers").then().statusCode(200)
                .body("items.id", hasItem(server.toString()));
        other.api().queryParam("status", "DELETED").get("/api/v1/servers").then().statusCode(200)
                .body("items.id", not(hasItem(server.toString())));
    }
}
