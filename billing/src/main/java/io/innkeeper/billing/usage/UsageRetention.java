package io.innkeeper.billing.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * Retention of billing's hourly usage ({@code usage_hour}), which otherwise grows by a row per server and hour for
 * ever. Hours older than the retention go; a month's invoice keeps what it billed (its lines name the usage behind
 * them), so only re-rating an old month and the per-hour detail of it are given up. Never less than
 * {@link #SHORTEST}, so the month an invoice run bills is always whole. Deleted tenant by tenant through the
 * {@code (tenant_id, hour)} index, in batches of their own transaction; replicas purging at once take different rows.
 */
@ApplicationScoped
public class UsageRetention {

    /** The shortest retention honoured: the month before last and the one before it, whole, in any time zone. */
    public static final Duration SHORTEST = Duration.ofDays(70);

    private static final int TENANTS_PER_PASS = 200;

    @Inject
    EntityManager em;

    /**
     * Deletes the hours before {@code before} (moved back to {@link #SHORTEST} before {@code now} if it is later),
     * at most {@code batchSize} rows per transaction; answers how many.
     */
    public long purge(Instant now, Instant before, int batchSize) {
        Instant cut = before.isAfter(now.minus(SHORTEST)) ? now.minus(SHORTEST) : before;
        long deleted = 0;
        UUID after = new UUID(0, 0); // the least uuid in PostgreSQL's order
        while (true) {
            UUID from = after;
            @SuppressWarnings("unchecked")
            List<UUID> tenants = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "select id from tenancy_tenant where id > :after order by id limit :n", UUID.class)
                    .setParameter("after", from).setParameter("n", TENANTS_PER_PASS).getResultList());
            if (tenants.isEmpty()) {
                return deleted;
            }
            deleted += Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("""
                            delete from usage_hour where ctid = any (array(
                                select ctid from usage_hour where tenant_id in (:tenants) and hour < :cut
                                limit :n for update skip locked))
                            """).setParameter("tenants", tenants).setParameter("cut", cut)
                    .setParameter("n", batchSize).executeUpdate()));
            after = tenants.get(tenants.size() - 1);
        }
    }
}
