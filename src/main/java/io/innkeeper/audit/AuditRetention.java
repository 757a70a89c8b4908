package io.innkeeper.audit;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * Retention of the audit log. Entries that bear on what a customer was billed ({@link #billingRelevant}) are
 * records a provider must keep for as long as its bookkeeping (ten years in Germany, HGB 257 and AO 147, and
 * similar elsewhere in the EU); the rest (sign-ins, consoles, power actions, node work) go sooner. Deleted in
 * batches of their own transaction; replicas purging at once take different rows.
 */
@ApplicationScoped
public class AuditRetention {

    /**
     * The actions that bear on a bill: invoice runs, payments, bank imports and dunning settings, the plans and
     * their prices, quotas, the tenant's billing details and state, and each server's order, resize and deletion
     * (which start, change and end its charges).
     */
    public static final List<String> BILLING_RELEVANT = List.of("billing.", "invoice.", "plan.", "quota.", "tenant.",
            "server.order", "server.created", "server.resize", "server.delete");

    @Inject
    EntityManager em;

    /** Whether an entry with this action is kept as long as the bookkeeping. */
    public static boolean billingRelevant(String action) {
        return BILLING_RELEVANT.stream().anyMatch(action::startsWith);
    }

    /**
     * Deletes every entry older than {@code billingBefore}, and the entries that are not billing-relevant older than
     * {@code otherBefore}; answers how many.
     */
    public long purge(Instant billingBefore, Instant otherBefore, int batchSize) {
        long all = Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                delete from audit_event where id in (
                    select id from audit_event where at < :before limit :n for update skip locked)
                """).setParameter("before", billingBefore).setParameter("n", batchSize).executeUpdate()));
        StringBuilder notRelevant = new StringBuilder();
        for (int i = 0; i < BILLING_RELEVANT.size(); i++) {
            notRelevant.append(" and action not like :p").append(i).append(" escape '\\'");
        }
        long other = Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> {
            Query q = em.createNativeQuery("delete from audit_event where id in (select id from audit_event where at "
                    + "< :before" + notRelevant + " limit :n for update skip locked)");
            for (int i = 0; i < BILLING_RELEVANT.size(); i++) {
                q.setParameter("p" + i, BILLING_RELEVANT.get(i).replace("\\", "\\\\").replace("_", "\\_")
                        .replace("%", "\\%") + "%");
            }
            return q.setParameter("before", otherBefore).setParameter("n", batchSize).executeUpdate();
        }));
        return all + other;
    }
}
