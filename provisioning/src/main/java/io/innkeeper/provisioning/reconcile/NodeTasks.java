package io.innkeeper.provisioning.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Per-node leases for periodic work, in table {@code node_task}. A replica runs a node's task only after winning
 * its row: the claim is one conditional upsert, so of several replicas exactly one wins per interval, and a run
 * that outlasts the interval still keeps others out until it releases the lease. Times are the database's, so
 * replicas with skewed clocks agree. No transaction stays open while a node is called. Every claim won is kept in
 * {@code node_task_run} by a trigger (who, when, until when, finished when), a week long.
 */
@ApplicationScoped
public class NodeTasks {

    /** The periodic tasks that run per node. */
    public enum Task {
        RECONCILE,
        METER
    }

    /** A won claim; give it back with {@link #release}. */
    public record Lease(UUID nodeId, Task task, UUID token) {
    }

    /** The next run falls due a little before a full interval, so a tick that comes early is not skipped. */
    private static final double DUE_FRACTION = 0.9;

    private static final String CLAIM = """
            insert into node_task (node_id, task, due_at, lease_owner, lease_until)
            values (:node, :task, now() + make_interval(secs => :due), :token, now() + make_interval(secs => :lease))
            on conflict (node_id, task) do update
                set due_at = excluded.due_at, lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
                where node_task.due_at <= now() and (node_task.lease_until is null or node_task.lease_until < now())
            returning node_id
            """;

    @Inject
    EntityManager em;

    @Inject
    ReconcileConfig config;

    @Transactional(TxType.REQUIRES_NEW)
    public List<UUID> nodeIds() {
        return em.createQuery("select n.id from Node n order by n.name", UUID.class).getResultList();
    }

    /** Takes the node's task if it is due and nobody holds it. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Lease> claim(UUID nodeId, Task task, Duration interval) {
        UUID token = UUID.randomUUID();
        List<?> won = em.createNativeQuery(CLAIM)
                .setParameter("node", nodeId)
                .setParameter("task", task.name())
                .setParameter("due", interval.toMillis() * DUE_FRACTION / 1000.0)
                .setParameter("token", token.toString())
                .setParameter("lease", config.taskLease().toMillis() / 1000.0)
                .getResultList();
        return won.isEmpty() ? Optional.empty() : Optional.of(new Lease(nodeId, task, token));
    }

    /** Ends the run; the task stays not due until its interval has passed. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(Lease lease) {
        em.createNativeQuery("""
                update node_task set lease_owner = null, lease_until = null
                where node_id = :node and task = :task and lease_owner = :token
                """)
                .setParameter("node", lease.nodeId())
                .setParameter("task", lease.task().name())
                .setParameter("token", lease.token().toString())
                .executeUpdate();
    }
}
