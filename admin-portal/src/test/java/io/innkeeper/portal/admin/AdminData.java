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
    public UUID node(UUID region, String name, int vcpus, long memoryMib, long diskGib) {
        return node(region, name, "kvm", "test:///default", vcpus, memoryMib, diskGib);
    }

    /**
     * A node of its own on libvirt's test driver (a node file), so guests moved to it are apart from the rest; the
     * file is what the driver reads, the capacity is what placement counts.
     */
    public UUID fileNode(UUID region, String name, int vcpus, long memoryMib, long diskGib) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("admin-node", ".xml");
            java.nio.file.Files.writeString(file, """
                    <node>
                      <cpu><mhz>2000</mhz><model>x86_64</model><active>8</active><nodes>1</nodes><sockets>1</sockets>
                        <cores>8</cores><threads>1</threads></cpu>
                      <memory>16777216</memory>
                    </node>
                    """);
            return node(region, name, "kvm", "test://" + file.toAbsolutePath(), vcpus, memoryMib, diskGib);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional
    public UUID node(UUID region, String name, String guestType, String uri, int vcpus, long memoryMib,
            long diskGib) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, "
                + "disk_gib, created_at) values (:id, :region, :name, :type, :uri, :cpu, :mem, :disk, "
                + ":at)").setParameter("id", id).setParameter("region", region).setParameter("name", name)
                .setParameter("type", guestType).setParameter("uri", uri)
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

    @Transactional
    public int update(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.executeUpdate();
    }
}
