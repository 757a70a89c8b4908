package io.innkeeper.billing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Once per period across replicas: a schedule's tick runs only if it moves the task's due time forward, in one
 * statement, so two replicas ticking together cannot both win. The next due time is 0.9 of the interval ahead,
 * so a replica whose clock ticks a little early still finds the task due. A replica that dies mid-run holds
 * nothing: the next period is claimed as usual, and the runs are idempotent, so it finishes what was left.
 */
@ApplicationScoped
public class BillingTasks {

    /** Which schedule. */
    public enum Task {
        INVOICE_RUN,
        USAGE_ROLLUP,
        /** The retention run (io.innkeeper.retention), which is no billing work but is claimed the same way. */
        RETENTION
    }

    private final String replica = replicaName();

    @Inject
    EntityManager em;

    public String replica() {
        return replica;
    }

    /** Whether this replica runs {@code task} now; false when another replica ran it within this period. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claim(Task task, Duration interval) {
        return em.createNativeQuery("""
                insert into billing_task (task, due_at, claimed_by, claimed_at)
                values (:task, clock_timestamp() + make_interval(secs => :next), :replica, clock_timestamp())
                on conflict (task) do update
                    set due_at = excluded.due_at, claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
                    where billing_task.due_at <= clock_timestamp()
                """)
                .setParameter("task", task.name())
                .setParameter("next", interval.toMillis() * 0.9 / 1000.0)
                .setParameter("replica", replica)
                .executeUpdate() == 1;
    }

    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
