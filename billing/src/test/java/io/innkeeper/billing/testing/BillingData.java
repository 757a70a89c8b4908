package io.innkeeper.billing.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.metering.MeterStore;
import io.innkeeper.testing.Fixtures;

/**
 * Billing test data written straight into the tables billing reads (tenants, plans, guests, servers), with
 * samples through the provisioning engine's real {@link MeterStore}, so deltas and series are the real ones.
 */
@ApplicationScoped
public class BillingData {

    @Inject
    EntityManager em;

    @Inject
    Fixtures fixtures;

    @Inject
    MeterStore meters;

    public Fixtures.Catalog catalog() {
        return fixtures.catalog();
    }

    @Transactional
    public UUID tenant(String name, String zone, UUID parent) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into tenant (id, name, kind, parent_id, currency, time_zone, created_at) "
                + "values (:id, :name, :kind, :parent, 'EUR', :zone, :at)")
                .setParameter("id", id).setParameter("name", name + " " + id.toString().substring(0, 6))
                .setParameter("kind", parent == null && name.startsWith("reseller") ? "RESELLER" : "CUSTOMER")
                .setParameter("parent", parent).setParameter("zone", zone)
                .setParameter("at", Instant.parse("2025-01-01T00:00:00Z")).executeUpdate();
        return id;
    }

    @Transactional
    public UUID plan(String hourly, String cap, int trafficGb) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into plan (id, code, name, guest_types, vcpus, memory_mib, disk_gib, hourly_price, "
                + "monthly_cap, currency, traffic_gb) values (:id, :code, :name, 'kvm', 1, 512, 10, :hourly, :cap, "
                + "'EUR', :traffic)")
                .setParameter("id", id).setParameter("code", "b-" + id.toString().substring(0, 8))
                .setParameter("name", "Plan " + hourly).setParameter("hourly", new BigDecimal(hourly))
                .setParameter("cap", new BigDecimal(cap)).setParameter("traffic", trafficGb).executeUpdate();
        return id;
    }

    /** A server with its guest; deleted may be null. */
    @Transactional
    public UUID server(UUID tenant, UUID plan, Instant created, Instant deleted) {
        Fixtures.Catalog c = fixtures.catalog();
        UUID id = UUID.randomUUID();
        String hostname = Fixtures.hostname("b");
        em.createNativeQuery("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, "
                + "template_id, status, created_at, updated_at) values (:id, :node, :owner, :host, 1, 512, 10, :tpl, "
                + ":status, :created, :created)")
                .setParameter("id", id).setParameter("node", c.node()).setParameter("owner", tenant)
                .setParameter("host", hostname).setParameter("tpl", c.template())
                .setParameter("status", "RUNNING").setParameter("created", created)
                .executeUpdate();
        em.createNativeQuery("insert into server (id, tenant_id, hostname, plan_id, template_id, region_id, created_at, "
                + "deleted_at) values (:id, :tenant, :host, :plan, :tpl, :region, :created, :deleted)")
                .setParameter("id", id).setParameter("tenant", tenant).setParameter("host", hostname)
                .setParameter("plan", plan).setParameter("tpl", c.template()).setParameter("region", c.region())
                .setParameter("created", created).setParameter("deleted", deleted).executeUpdate();
        return id;
    }

    @Transactional
    public void planChange(UUID server, UUID from, UUID to, Instant at) {
        em.createNativeQuery("insert into server_plan_change (server_id, changed_at, from_plan, to_plan) "
                + "values (:s, :at, :from, :to)").setParameter("s", server).setParameter("at", at)
                .setParameter("from", from).setParameter("to", to).executeUpdate();
        em.createNativeQuery("update server set plan_id = :to where id = :s").setParameter("to", to)
                .setParameter("s", server).executeUpdate();
    }

    /** Stores one reading of cumulative counters through the real meter store (guests must not be DELETED). */
    public void sample(UUID guest, Instant at, long txCounter) {
        meters.record(catalog().node(), at, List.of(new GuestStats(guest, OptionalLong.of(txCounter * 3),
                OptionalLong.of(txCounter / 2), OptionalLong.of(txCounter), OptionalLong.empty(),
                OptionalLong.empty())));
    }

    @Transactional
    public long sum(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

    @Transactional
    public String string(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return (String) q.getSingleResult();
    }

    @Transactional
    public int update(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }
}
