package io.innkeeper.bench;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Stock as a storefront asks for it on every page view: wrk against {@code GET /api/v1/stock} and
 * {@code GET /api/v1/plans} (which carries each plan's regions) for one token, on a catalog of 4 regions of 10 nodes
 * and 6 plans, beside this machine's static-file floor measured in the same run. The goal is at least 2,000
 * requests/s. A benchmark, not a test: it prints wrk's figures and asserts nothing. Run with {@code bin/bench stock}.
 */
@QuarkusTest
@TestProfile(StockBenchmark.Storefront.class)
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "stock")
class StockBenchmark {

    /** No rate limit, as in {@link ApiBenchmark}, and stock kept as in production, not read anew as in tests. */
    public static class Storefront implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(new ApiBenchmark.NoRateLimit().getConfigOverrides());
            overrides.put("innkeeper.stock.cache-for", "5s");
            return overrides;
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    ApiTokens tokens;

    @Test
    void stockAndPlansUnderLoad() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        for (int r = 0; r < 3; r++) {
            fixtures.region("bench-stock-" + r, 10, 32, 131_072, 2000, new BigDecimal("2"));
        }
        for (int p = 1; p <= 5; p++) {
            fixtures.plan("bench-s-" + p, "Bench " + p, p, 1024 * p, 20 * p, "0.00" + (p + 1) + "0", p + ".00");
        }
        String login = "bench-stock-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.customer(login);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(100, 200, 1_000_000, 10_000, 100, 100, null, null, null));
        for (int i = 0; i < 20; i++) {
            servers.order(tenant, catalog, Fixtures.hostname("bench-stock-" + i));
        }
        String token = tokens.create(new Actor(login, tenant, null, null), tenant,
                new ApiTokens.NewToken("bench", TokenScope.READ, null, null, null)).secret();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String base = "http://127.0.0.1:" + port;

        for (int round = 0; round < 3; round++) {
            ApiBenchmark.warmUp(base + "/api/v1/stock", token, null, "5s");
            ApiBenchmark.warmUp(base + "/api/v1/plans", token, null, "3s");
            ApiBenchmark.warmUp(base + "/static/innkeeper.js", null, null, "2s");
        }
        ApiBenchmark.run("stock of 4 regions x 6 plans (kept 5 s)", base + "/api/v1/stock", token, null);
        ApiBenchmark.run("plans on sale with the regions they fit", base + "/api/v1/plans", token, null);
        ApiBenchmark.run("a static file (the HTTP floor of this machine)", base + "/static/innkeeper.js", null, null);
    }
}
