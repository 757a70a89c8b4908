package io.innkeeper.web.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;

/** {@code /q/metrics} on the management port after real orders, one of them refused for quota. */
@QuarkusTest
class OperationsMetricsTest {

    private static final Actor ADMIN = new Actor("metrics-admin", null, "127.0.0.1", null);
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-");

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    Nodes nodes;

    @Inject
    OperationsMetrics metrics;

    @Test
    @TestSecurity(user = "metrics-admin", roles = "admin")
    void anOrderRefusedForQuotaCountsOnceAndTheFiguresAreServed() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("metrics-" + UUID.randomUUID());
        quotas.set(ADMIN, tenant, new QuotaLimits(1, 100, 1_000_000, 100_000, 100, 10, null, null, null));
        Actor customer = new Actor("metrics", tenant, null, null);
        String before = scrape();

        orders.order(customer, Scope.of(tenant), order(catalog, "metrics-a"));
        assertThatThrownBy(() -> orders.order(customer, Scope.of(tenant), order(catalog, "metrics-b")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors().asMap().get("plan"))
                        .startsWith("Your server quota: 1 of 1 in use"));
        // A page with an id in its path, so the HTTP timer has a templated route to show (404s are all NOT_FOUND).
        given().get("/admin/nodes/" + catalog.node()).then().statusCode(200);
        // Refused before any resource matched (a form body to the API): one route name, not one per id sent.
        given().contentType("application/x-www-form-urlencoded").formParam("a", "b")
                .post("/api/v1/servers/" + UUID.randomUUID() + "/actions/reboot").then().statusCode(415);
        metrics.refresh();
        String after = scrape();

        assertThat(value(after, "innkeeper_orders_refused_total", "reason=\"quota\""))
                .isEqualTo(value(before, "innkeeper_orders_refused_total", "reason=\"quota\"") + 1);
        assertThat(value(after, "innkeeper_orders_refused_total", "reason=\"invalid\""))
                .isEqualTo(value(before, "innkeeper_orders_refused_total", "reason=\"invalid\""));
        assertThat(value(after, "innkeeper_orders_placed_total", ""))
                .isEqualTo(value(before, "innkeeper_orders_placed_total", "") + 1);

        String node = nodes.get(catalog.node()).name();
        assertThat(value(after, "innkeeper_node_reachable", "node=\"" + node + "\"")).isEqualTo(1.0);
        for (String gauge : List.of("innkeeper_jobs_queued", "innkeeper_jobs_running", "innkeeper_jobs_failed",
                "innkeeper_jobs_oldest_queued_age_seconds", "innkeeper_notifications_pending",
                "innkeeper_webhooks_pending", "innkeeper_invoice_run_last_failed")) {
            assertThat(value(after, gauge, "")).as(gauge).isGreaterThanOrEqualTo(0);
        }
        assertThat(after).contains("agroal_active_count", "http_server_requests_seconds_bucket");
        assertThat(after.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket")
                && l.contains("uri=\"/admin/nodes/{")).toList()).as("the node page by its route").isNotEmpty();
        assertThat(after.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("status=\"415\"") && l.contains("uri=\"/api/v1/(refused at the edge)\"")).toList())
                .as("the edge's refusal under its route name").isNotEmpty();
        assertThat(after.lines().filter(l -> l.startsWith("http_server_requests"))
                .filter(l -> UUID_TEXT.matcher(l).find()).toList()).as("routes named by a raw id").isEmpty();
    }

    private static OrderRequest order(Fixtures.Catalog catalog, String prefix) {
        return new OrderRequest(Fixtures.hostname(prefix), catalog.region().toString(), catalog.plan().toString(),
                catalog.template().toString(), null, null);
    }

    private String scrape() {
        return given().get("http://localhost:" + managementPort + "/q/metrics").then().statusCode(200).extract()
                .asString();
    }

    /** The value of the series {@code name} whose labels contain {@code label}; NaN when there is none. */
    private static double value(String exposition, String name, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return Double.NaN;
    }
}
