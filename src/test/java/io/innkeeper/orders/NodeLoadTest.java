package io.innkeeper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;

/**
 * Placement reads what a node's live guests take from node_load, which the database keeps (V57). Whatever happens
 * to guests, written by SQL as an admin or a migration would, the row must equal the sum over the node's live
 * guests, live as {@link GuestStatus#isLive()} says (the trigger asks guest_live, which is checked against it by
 * RulesInSqlTest).
 */
@QuarkusTest
class NodeLoadTest {

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Test
    void aNodesLoadIsTheSumOfItsLiveGuestsThroughEveryChange() {
        UUID template = fixtures.catalog().template();
        List<UUID> nodes = fixtures.region("load-" + UUID.randomUUID().toString().substring(0, 6), 2, 16, 65_536,
                1000, BigDecimal.ONE).nodes();
        UUID a = nodes.get(0);
        UUID b = nodes.get(1);
        assertThat(load(a)).containsExactly(0L, 0L, 0L, 0L);

        UUID running = guest(a, template, 2, 1024, 20, "RUNNING");
        UUID provisioning = guest(a, template, 1, 512, 10, "PROVISIONING");
        UUID deleted = guest(a, template, 4, 4096, 40, "DELETED");
        assertThat(load(a)).containsExactly(3L, 1536L, 30L, 2L).isEqualTo(sum(a));

        sql("update guest set status = 'STOPPED', updated_at = now() where id = ?1", running);
        assertThat(load(a)).containsExactly(3L, 1536L, 30L, 2L);
        sql("update guest set status = 'DELETED' where id = ?1", provisioning);
        assertThat(load(a)).containsExactly(2L, 1024L, 20L, 1L).isEqualTo(sum(a));
        sql("update guest set status = 'FAILED' where id = ?1", running);
        assertThat(load(a)).containsExactly(0L, 0L, 0L, 0L).isEqualTo(sum(a));
        sql("update guest set status = 'ERROR' where id = ?1", running);
        sql("update guest set status = 'RUNNING' where id = ?1", deleted);
        assertThat(load(a)).containsExactly(6L, 5120L, 60L, 2L).isEqualTo(sum(a));

        sql("update guest set vcpus = 3, memory_mib = 2048, disk_gib = 25 where id = ?1", running);
        assertThat(load(a)).containsExactly(7L, 6144L, 65L, 2L).isEqualTo(sum(a));
        // A move: the old node loses the guest as it was, the new one gains it as it is, in one change.
        sql("update guest set node_id = ?1, vcpus = 1 where id = ?2", b, deleted);
        assertThat(load(a)).containsExactly(3L, 2048L, 25L, 1L).isEqualTo(sum(a));
        assertThat(load(b)).containsExactly(1L, 4096L, 40L, 1L).isEqualTo(sum(b));

        sql("update guest set vcpus = vcpus + 1 where node_id = any(?1)", (Object) new UUID[] { a, b });
        assertThat(load(a)).isEqualTo(sum(a)).containsExactly(4L, 2048L, 25L, 1L);
        assertThat(load(b)).isEqualTo(sum(b)).containsExactly(2L, 4096L, 40L, 1L);
        sql("delete from guest where id = ?1", running);
        assertThat(load(a)).containsExactly(0L, 0L, 0L, 0L).isEqualTo(sum(a));

        // A node taken away (with no guests left) takes its row along.
        sql("delete from guest where node_id = ?1", b);
        sql("delete from node where id = ?1", b);
        assertThat(count(b)).isZero();
    }

    @Transactional
    long count(UUID node) {
        return ((Number) em.createNativeQuery("select count(*) from node_load where node_id = ?1").setParameter(1, node)
                .getSingleResult()).longValue();
    }

    @Transactional
    UUID guest(UUID node, UUID template, int vcpus, int memoryMib, int diskGib, String status) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, "
                + "template_id, status, created_at, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now(), "
                + "now())").setParameter(1, id).setParameter(2, node).setParameter(3, UUID.randomUUID())
                .setParameter(4, "g-" + id + ".example.com").setParameter(5, vcpus).setParameter(6, memoryMib)
                .setParameter(7, diskGib).setParameter(8, template).setParameter(9, status).executeUpdate();
        return id;
    }

    @Transactional
    void sql(String statement, Object... params) {
        var query = em.createNativeQuery(statement);
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        query.executeUpdate();
    }

    /** The node's row: vCPUs, memory, disk, guests. */
    @Transactional
    List<Long> load(UUID node) {
        Tuple row = (Tuple) em.createNativeQuery("select vcpus, memory_mib, disk_gib, guests from node_load "
                + "where node_id = ?1", Tuple.class).setParameter(1, node).getSingleResult();
        return Stream.of("vcpus", "memory_mib", "disk_gib", "guests").map(c -> row.get(c, Number.class).longValue())
                .toList();
    }

    /** A guest as the sum needs it. */
    public record Size(GuestStatus status, int vcpus, int memoryMib, int diskGib) {
    }

    /** The same, summed in Java over the node's guests that {@link GuestStatus#isLive()} counts now. */
    @Transactional
    List<Long> sum(UUID node) {
        List<Size> live = em.createQuery("select new io.innkeeper.orders.NodeLoadTest$Size(g.status, g.vcpus, "
                + "g.memoryMib, g.diskGib) from Guest g where g.node.id = :node", Size.class)
                .setParameter("node", node).getResultList().stream().filter(g -> g.status().isLive()).toList();
        return List.of(live.stream().mapToLong(Size::vcpus).sum(), live.stream().mapToLong(Size::memoryMib).sum(),
                live.stream().mapToLong(Size::diskGib).sum(), (long) live.size());
    }
}
