package io.innkeeper.provisioning.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.query.NativeQuery;

import io.innkeeper.provisioning.driver.PowerState;

/**
 * The reconciler's findings per node (table {@code reconcile_finding}) and the node state that goes with them.
 * A finding that recurs keeps its first sighting; times are the database's.
 */
@ApplicationScoped
public class Findings {

    /** A stored finding with when it was first and last seen. */
    public record Recorded(Finding finding, Instant firstSeen, Instant lastSeen) {
    }

    private static final String UPSERT = """
            insert into reconcile_finding (node_id, kind, guest_id, domain_name, domain_uuid, power_state, detail,
                                           first_seen, last_seen)
            values (:node, :kind, :guest, :name, :uuid, :power, :detail, now(), now())
            on conflict (node_id, kind, subject) do update
                set domain_name = excluded.domain_name, power_state = excluded.power_state,
                    detail = excluded.detail, last_seen = excluded.last_seen
            """;

    @Inject
    EntityManager em;

    /**
     * The node answered: an OFFLINE node is ACTIVE again (maintenance stays), and its findings become exactly
     * {@code findings}.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void answered(UUID nodeId, List<Finding> findings) {
        em.createNativeQuery("update node set state = 'ACTIVE' where id = :node and state = 'OFFLINE'")
                .setParameter("node", nodeId)
                .executeUpdate();
        findings.forEach(f -> upsert(nodeId, f));
        // Everything upserted above carries this transaction's now(); older rows are no longer true.
        em.createNativeQuery("delete from reconcile_finding where node_id = :node and last_seen <> now()")
                .setParameter("node", nodeId)
                .executeUpdate();
    }

    /**
     * The node did not answer: an ACTIVE node goes OFFLINE (maintenance stays). Its other findings stay as the
     * last known view of its guests; their last_seen shows how old they are.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void unreachable(UUID nodeId, Finding finding) {
        em.createNativeQuery("update node set state = 'OFFLINE' where id = :node and state = 'ACTIVE'")
                .setParameter("node", nodeId)
                .executeUpdate();
        upsert(nodeId, finding);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<Recorded> forNode(UUID nodeId) {
        List<Tuple> rows = em.createNativeQuery("""
                select kind, guest_id, domain_name, domain_uuid, power_state, detail, first_seen, last_seen
                from reconcile_finding where node_id = :node order by kind, first_seen
                """, Tuple.class)
                .setParameter("node", nodeId)
                .getResultList();
        return rows.stream().map(Findings::recorded).toList();
    }

    private void upsert(UUID nodeId, Finding f) {
        em.createNativeQuery(UPSERT)
                .unwrap(NativeQuery.class)
                .setParameter("node", nodeId, UUID.class)
                .setParameter("kind", f.kind().name(), String.class)
                .setParameter("guest", f.guestId(), UUID.class)
                .setParameter("name", f.domainName(), String.class)
                .setParameter("uuid", f.domainUuid(), UUID.class)
                .setParameter("power", f.powerState() == null ? null : f.powerState().name(), String.class)
                .setParameter("detail", f.detail(), String.class)
                .executeUpdate();
    }

    private static Recorded recorded(Tuple r) {
        String power = r.get("power_state", String.class);
        Finding finding = new Finding(FindingKind.valueOf(r.get("kind", String.class)), r.get("guest_id", UUID.class),
                r.get("domain_name", String.class), r.get("domain_uuid", UUID.class),
                power == null ? null : PowerState.valueOf(power), r.get("detail", String.class));
        return new Recorded(finding, instant(r.get("first_seen")), instant(r.get("last_seen")));
    }

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : (Instant) value;
    }
}
