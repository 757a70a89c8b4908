package io.innkeeper.account;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import io.innkeeper.kernel.Batches;

/**
 * Retention of the account module's records: idempotency keys, and outbox events with their webhook deliveries.
 * Each purge deletes in batches of their own transaction; replicas purging at once take different rows
 * ({@code skip locked}).
 */
@ApplicationScoped
public class AccountRetention {

    @Inject
    EntityManager em;

    /** Deletes the idempotency records made before {@code before}: a retry of such a request runs it anew. */
    public long purgeIdempotency(Instant before, int batchSize) {
        return Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                delete from api_idempotency where (tenant_id, key) in (
                    select tenant_id, key from api_idempotency where created_at < :before
                    limit :n for update skip locked)
                """).setParameter("before", before).setParameter("n", batchSize).executeUpdate()));
    }

    /**
     * Deletes the webhook deliveries that are over (delivered or given up) of events recorded before
     * {@code before}, then those events that have no delivery left and no notification quoting them (notify's
     * purge goes first). A delivery still being retried keeps its event.
     */
    public long purgeOutbox(Instant before, int batchSize) {
        long deliveries = Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("""
                        delete from webhook_delivery where id in (
                            select d.id from webhook_delivery d join outbox_event e on e.id = d.event_id
                            where e.created_at < :before and d.state <> 'PENDING'
                            limit :n for update of d skip locked)
                        """).setParameter("before", before).setParameter("n", batchSize).executeUpdate()));
        long events = Batches.untilShort(batchSize, () -> QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery("""
                        delete from outbox_event where id in (
                            select e.id from outbox_event e
                            where e.created_at < :before
                              and not exists (select 1 from webhook_delivery d where d.event_id = e.id)
                              and not exists (select 1 from notify_notification_event n where n.event_id = e.id)
                            order by e.seq limit :n for update of e skip locked)
                        """).setParameter("before", before).setParameter("n", batchSize).executeUpdate()));
        return deliveries + events;
    }
}
