package io.innkeeper.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.orders.ServerFilter.Cursor;
import io.innkeeper.portal.admin.servers.ServerFilter;
import io.innkeeper.portal.admin.servers.ServerList;
import io.innkeeper.testing.Fixtures;

/**
 * The admin portal's all-servers list at scale: 25,000 servers across 500 tenants and 100 nodes, made with bulk SQL,
 * then the filtered, paginated list timed on the server (the list query alone, and the whole page over HTTP on
 * loopback). A benchmark, not a test: it prints figures and asserts nothing about speed. Run with
 * {@code bin/bench admin}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "admin")
@TestSecurity(user = "bench-admin", roles = "admin")
class AdminServerListBenchmark {

    private static final int SERVERS = Integer.getInteger("innkeeper.bench.servers", 25_000);
    private static final int TENANTS = 500;
    private static final int NODES = 100;
    private static final int ROUNDS = 30;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    Fixtures fixtures;

    @Inject
    ServerList list;

    @Inject
    EntityManager em;

    @Test
    void filteredPaginatedList() {
        Fixtures.Catalog catalog = fixtures.catalog();
        long start = System.nanoTime();
        fill(catalog);
        System.out.printf("%nADMIN SERVER LIST BENCHMARK: %d servers, %d tenants, %d nodes (filled in %.1f s)%n",
                SERVERS, TENANTS, NODES, (System.nanoTime() - start) / 1e9);

        UUID node = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "select id from node where name = 'bench-node-42'").getSingleResult());
        UUID tenant = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "select id from tenant where name = 'Bench tenant 137'").getSingleResult());
        Cursor deep = deepCursor();
        Map<String, ServerFilter> cases = new LinkedHashMap<>();
        cases.put("no filter, first page", ServerFilter.none());
        cases.put("no filter, page 250 (keyset)", ServerFilter.none().after(deep));
        cases.put("node", new ServerFilter(node, null, null, null, null));
        cases.put("tenant", new ServerFilter(null, tenant, null, null, null));
        cases.put("state STOPPED", new ServerFilter(null, null, io.innkeeper.provisioning.guest.GuestStatus.STOPPED,
                null, null));
        cases.put("plan", new ServerFilter(null, null, null, "t-1", null));
        cases.put("node + state + plan", new ServerFilter(node, null,
                io.innkeeper.provisioning.guest.GuestStatus.RUNNING, "t-1", null));
        cases.put("state STOPPED, page 20 (keyset)", new ServerFilter(null, null,
                io.innkeeper.provisioning.guest.GuestStatus.STOPPED, null, null).after(cursorAt(
                        new ServerFilter(null, null, io.innkeeper.provisioning.guest.GuestStatus.STOPPED, null, null),
                        20)));

        System.out.printf("  %-34s %22s %26s%n", "filter (50 rows a page)", "list query p50 / p95",
                "whole page (HTTP) p50 / p95");
        for (Map.Entry<String, ServerFilter> c : cases.entrySet()) {
            long[] query = new long[ROUNDS];
            long[] page = new long[ROUNDS];
            String params = c.getValue().query() + (c.getValue().after() == null ? ""
                    : (c.getValue().query().isEmpty() ? "" : "&") + "after=" + c.getValue().after());
            String url = "/admin/servers" + (params.isEmpty() ? "" : "?" + params);
            for (int i = 0; i < ROUNDS + 5; i++) {
                long t0 = System.nanoTime();
                QuarkusTransaction.requiringNew().run(() -> list.page(c.getValue(), 50));
                long t1 = System.nanoTime();
                page(url);
                long t2 = System.nanoTime();
                if (i >= 5) {
                    query[i - 5] = t1 - t0;
                    page[i - 5] = t2 - t1;
                }
            }
            System.out.printf("  %-34s %9.1f / %6.1f ms %13.1f / %6.1f ms%n", c.getKey(), pct(query, 50) / 1e6,
                    pct(query, 95) / 1e6, pct(page, 50) / 1e6, pct(page, 95) / 1e6);
        }
        System.out.println();
    }

    /** Tenants, nodes, guests and servers in a few statements; states spread like a real fleet's. */
    @Transactional
    void fill(Fixtures.Catalog catalog) {
        em.createNativeQuery("""
                insert into tenant (id, name, kind, currency, time_zone, created_at)
                select gen_random_uuid(), 'Bench tenant ' || i, 'CUSTOMER', 'EUR', 'UTC', now()
                from generate_series(1, :n) i
                """).setParameter("n", TENANTS).executeUpdate();
        em.createNativeQuery("""
                insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, created_at)
                select gen_random_uuid(), :region, 'bench-node-' || i, 'kvm', 'test:///default', 256, 1048576, 20000,
                       now()
                from generate_series(1, :n) i
                """).setParameter("region", catalog.region()).setParameter("n", NODES).executeUpdate();
        em.createNativeQuery("""
                create temporary table bench_server on commit drop as
                select gen_random_uuid() as id, i,
                       (select array_agg(id order by name) from tenant where name like 'Bench tenant %') as tenants,
                       (select array_agg(id order by name) from node where name like 'bench-node-%') as nodes,
                       now() - make_interval(mins => i) as at
                from generate_series(1, :n) i
                """).setParameter("n", SERVERS).executeUpdate();
        em.createNativeQuery("""
                insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, template_id, status,
                                   created_at, updated_at)
                select b.id, b.nodes[1 + b.i % array_length(b.nodes, 1)], b.tenants[1 + b.i % array_length(b.tenants, 1)],
                       'bench-' || b.i || '.example.com', 1, 512, 10, :template,
                       case when b.i % 10 = 0 then 'STOPPED' when b.i % 97 = 0 then 'ERROR' else 'RUNNING' end,
                       b.at, b.at
                from bench_server b
                """).setParameter("template", catalog.template()).executeUpdate();
        em.createNativeQuery("""
                insert into server (id, tenant_id, hostname, plan_id, template_id, region_id, created_at)
                select b.id, b.tenants[1 + b.i % array_length(b.tenants, 1)], 'bench-' || b.i || '.example.com',
                       :plan, :template, :region, b.at
                from bench_server b
                """).setParameter("plan", catalog.plan()).setParameter("template", catalog.template())
                .setParameter("region", catalog.region()).executeUpdate();
    }

    private Cursor deepCursor() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze").executeUpdate());
        return cursorAt(ServerFilter.none(), 250);
    }

    private Cursor cursorAt(ServerFilter filter, int pageNumber) {
        Cursor cursor = null;
        for (int i = 1; i < pageNumber; i++) {
            ServerFilter f = cursor == null ? filter : filter.after(cursor);
            cursor = QuarkusTransaction.requiringNew().call(() -> list.page(f, 50).next());
        }
        return cursor;
    }

    /** Fetches a page with the JDK's client, which adds far less of its own time than RestAssured. */
    private void page(String path) {
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + answer.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
