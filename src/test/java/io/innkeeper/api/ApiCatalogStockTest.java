package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import io.innkeeper.audit.Actor;
import io.innkeeper.catalog.Plan;
import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;

/**
 * Plans, templates and regions by stable code: an order by code takes the plan's current version, an edited plan's
 * old version stays readable by id. Stock per region and plan counts what fits the caller's quota and the platform's
 * room, and follows an order and a quota change.
 */
@QuarkusTest
class ApiCatalogStockTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    PlanCatalog plans;

    @Inject
    QuotaService quotas;

    private static PlanSpec spec(String code, String hourly) {
        return new PlanSpec(code, "Plan " + code, "kvm", 1, 512, 10, 1000, 1000, null, null, 1024, null,
                new BigDecimal(hourly), new BigDecimal("5.00"), "EUR", true);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOrderByCodeTakesThePlansCurrentVersionAndOldVersionsStayReadableById() {
        Fixtures.Catalog c = fixtures.catalog();
        ApiFixtures.Client client = api.customer("codes");
        String code = "cd-" + tag();
        Plan first = plans.publish(Actor.SYSTEM, spec(code, "0.0100"));
        client.api().get("/api/v1/plans/" + code).then().statusCode(200).body("id", equalTo(first.id.toString()))
                .body("version", equalTo(1)).body("onSale", equalTo(true));
        Plan second = plans.publish(Actor.SYSTEM, spec(code, "0.0200"));

        client.api().get("/api/v1/plans/" + code).then().statusCode(200).body("id", equalTo(second.id.toString()))
                .body("version", equalTo(2)).body("hourly.amount", equalTo("0.0200"));
        client.api().get("/api/v1/plans/" + first.id).then().statusCode(200).body("version", equalTo(1))
                .body("onSale", equalTo(false)).body("retiredAt", notNullValue())
                .body("availableIn", org.hamcrest.Matchers.empty());
        client.api().get("/api/v1/regions/test-region").then().statusCode(200)
                .body("id", equalTo(c.region().toString()));
        client.api().get("/api/v1/regions/" + c.region()).then().statusCode(200).body("code", equalTo("test-region"));
        client.api().get("/api/v1/templates/t-debian").then().statusCode(200)
                .body("id", equalTo(c.template().toString())).body("onSale", equalTo(true));
        for (String missing : List.of("/api/v1/plans/no-such-plan", "/api/v1/plans/" + UUID.randomUUID(),
                "/api/v1/regions/no-such-region", "/api/v1/templates/NOT%20A%20CODE")) {
            client.api().get(missing).then().statusCode(404).contentType("application/problem+json");
        }

        JsonPath order = client.api().body(Map.of("hostname", Fixtures.hostname("by-code"), "region", "test-region",
                "plan", code, "template", "t-debian")).post("/api/v1/servers").then().statusCode(202).extract()
                .jsonPath();
        assertThat(order.getString("server.plan.id")).isEqualTo(second.id.toString());
        assertThat(order.getString("server.plan.code")).isEqualTo(code);
        assertThat(order.getString("server.region.id")).isEqualTo(c.region().toString());
        assertThat(order.getString("server.template.id")).isEqualTo(c.template().toString());
        // The old version's id still names a plan, one no longer on sale.
        client.api().body(Map.of("hostname", Fixtures.hostname("by-old"), "region", "test-region", "plan",
                first.id.toString(), "template", "t-debian")).post("/api/v1/servers").then().statusCode(400)
                .body("errors.plan", org.hamcrest.Matchers.containsString("no longer on sale"));
        client.api().body(Map.of("hostname", Fixtures.hostname("by-bad"), "region", "test-region", "plan",
                "Not A Code", "template", "t-debian")).post("/api/v1/servers").then().statusCode(400)
                .body("errors.plan", notNullValue());
    }

    @Test
    void stockCountsWhatFitsTheQuotaAndThePlatformAndFollowsOrders() {
        fixtures.catalog();
        String code = "st-" + tag();
        // Two nodes of 4 vCPU, 4 GiB and 100 GiB each: 4 servers of 1 vCPU, 1 GiB, 10 GiB fit each.
        fixtures.region(code, 2, 4, 4096, 100, BigDecimal.ONE);
        Plan plan = fixtures.plan(code, "Stock " + code, 1, 1024, 10, "0.0100", "5.00");
        ApiFixtures.Client client = api.customer("stock");
        quotas.set(Actor.SYSTEM, client.tenant(), new QuotaLimits(5, 100, 100_000, 1000, 10, 10, null, null, null));

        Map<String, Object> line = line(client, code);
        assertThat(line).containsEntry("fits", true);
        assertThat(line.get("quota")).isEqualTo(Map.of("fits", true, "more", 5));
        assertThat(line.get("platform")).isEqualTo(Map.of("fits", true, "more", 8));
        client.api().get("/api/v1/plans").then().statusCode(200)
                .body("find { it.code == '" + code + "' }.availableIn", hasItem(code))
                .body("find { it.code == '" + code + "' }.id", equalTo(plan.id.toString()));

        client.api().body(Map.of("hostname", Fixtures.hostname("stock"), "region", code, "plan", code, "template",
                "t-debian")).post("/api/v1/servers").then().statusCode(202);
        line = line(client, code);
        assertThat(line.get("quota")).isEqualTo(Map.of("fits", true, "more", 4));
        assertThat(line.get("platform")).isEqualTo(Map.of("fits", true, "more", 7));

        quotas.set(Actor.SYSTEM, client.tenant(), new QuotaLimits(1, 100, 100_000, 1000, 10, 10, null, null, null));
        line = line(client, code);
        assertThat(line).containsEntry("fits", false);
        assertThat(line.get("quota")).isEqualTo(Map.of("fits", false, "more", 0));
        assertThat(line.get("platform")).isEqualTo(Map.of("fits", true, "more", 7));
        client.api().get("/api/v1/plans/" + code).then().statusCode(200).body("availableIn", not(hasItem(code)));
        // The stock said so, and the order says the same.
        client.api().body(Map.of("hostname", Fixtures.hostname("stock-no"), "region", code, "plan", code,
                "template", "t-debian")).post("/api/v1/servers/dry-run").then().statusCode(200)
                .body("fits", equalTo(false)).body("refusals.plan", notNullValue());
    }

    private static Map<String, Object> line(ApiFixtures.Client client, String code) {
        JsonPath stock = client.api().get("/api/v1/stock").then().statusCode(200).extract().jsonPath();
        assertThat(stock.getLong("countUpTo")).isPositive();
        assertThat(stock.getString("readAt")).isNotBlank();
        return stock.getMap("items.find { it.region.code == '" + code + "' && it.plan.code == '" + code + "' }");
    }
}
