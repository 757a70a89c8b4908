package io.innkeeper.portal.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.testing.Fixtures;

/**
 * Regions, nodes and guests written straight into their tables, for admin tests that need a node of their own
 * (placement sees only it) and guests holding part of it.
 */
@ApplicationScoped
public class AdminData {

    @Inject
    EntityManager em;

    @Inject
    Fixtures fixtures;

    @Transactional
    public UUID region() {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into region (id, code, name) values (:id, :code, :name)").setParameter("id", id)
                .setParameter("code", "r-" + id.toString().substring(0, 8))
                .setParameter("name", "Region " + id.toString().substring(0, 8)).executeUpdate();
        return id;
    }

    /** A kvm node on libvirt's test driver, named {@code name}. */
    @Transactional
    public UUID node(UUID region, String name, int vcpus, long memoryMib, long diskGib) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, "
                + "disk_gib, created_at) values (:id, :region, :name, 'kvm', 'test:///default', :cpu, :mem, :disk, "
                + ":at)").setParameter("id", id).setParameter("region", region).setParameter("name", name)
                .setParameter("cpu", vcpus).setParameter("mem", memoryMib).setParameter("disk", diskGib)
                .setParameter("at", Instant.now()).executeUpdate();
        return id;
    }

    /** A running guest (no server, no host work) that holds this much of the node. */
    @Transactional
    public UUID guest(UUID node, int vcpus, int memoryMib, int diskGib) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, "
                + "template_id, status, created_at, updated_at) values (:id, :node, :owner, :host, :cpu, :mem, "
                + ":disk, :tpl, 'RUNNING', :at, :at)").setParameter("id", id).setParameter("node", node)
                .setParameter("owner", UUID.randomUUID()).setParameter("host", Fixtures.hostname("held"))
                .setParameter("cpu", vcpus).setParameter("mem", memoryMib).setParameter("disk", diskGib)
                .setParameter("tpl", fixtures.catalog().template()).setParameter("at", Instant.now()).executeUpdate();
        return id;
    }

    @Transactional
    public Object value(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getSingleResult();
    }
}
