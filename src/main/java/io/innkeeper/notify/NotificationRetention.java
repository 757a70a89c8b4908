package io.innkeeper.notify;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * Retention of the notifications (the people's inbox and the mails): deletes those made before a time whose mail
 * is no longer waiting to go, in batches of their own transaction; replicas purging at once take different rows.
 */
@ApplicationScoped
public class NotificationRetention {

    @Inject
    EntityManager em;

    /** Deletes the notifications made before {@code before} that are not waiting to be mailed; answers how many. */
    public long purge(Instant before, int batchSize) {
        return Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                delete from notification where id in (
                    select id from notification where created_at < :before and mail_state <> 'PENDING'
                    limit :n for update skip locked)
                """).setParameter("before", before).setParameter("n", batchSize).executeUpdate()));
    }
}
