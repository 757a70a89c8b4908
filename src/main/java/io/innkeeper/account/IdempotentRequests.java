package io.innkeeper.account;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The store of {@code Idempotency-Key}s of a tenant's API requests other than orders (table
 * {@code api_idempotency}): a key is claimed before its request runs, answered with the request's response after, or
 * released when the request failed. Each step is a transaction of its own, so a claim is seen by a concurrent retry
 * at once and outlives a failing request.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** What claiming a key found. */
    public enum Outcome {
        /** The key is new: the request runs now. */
        CLAIMED,
        /** The same request ran before with this key; the {@link Claim} holds its answer. */
        ANSWERED,
        /** The first request with this key has not finished yet. */
        RUNNING,
        /** The key was used for another operation or body. */
        REUSED
    }

    /** The outcome of a claim, with the stored answer when it is {@link Outcome#ANSWERED}. */
    public record Claim(Outcome outcome, int status, String response) {

        static Claim of(Outcome outcome) {
            return new Claim(outcome, 0, null);
        }
    }

    /** A stored key: the request it was used for and, once answered, the answer. */
    record Stored(String operation, String bodyHash, Integer status, String response) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Claims the key for the operation and body hash, or tells what an earlier request with it left. */
    @Transactional(TxType.REQUIRES_NEW)
    public Claim claim(UUID tenantId, String key, String operation, String bodyHash) {
        int inserted = em.createNativeQuery("insert into api_idempotency (tenant_id, key, operation, body_hash, "
                + "created_at) values (:t, :k, :o, :h, :at) on conflict do nothing")
                .setParameter("t", tenantId).setParameter("k", key).setParameter("o", operation)
                .setParameter("h", bodyHash).setParameter("at", clock.instant()).executeUpdate();
        if (inserted == 1) {
            return Claim.of(Outcome.CLAIMED);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> found = em.createNativeQuery("select operation, body_hash, status, response from "
                + "api_idempotency where tenant_id = :t and key = :k", Tuple.class)
                .setParameter("t", tenantId).setParameter("k", key).getResultList();
        List<Stored> rows = found.stream().map(r -> new Stored(r.get("operation", String.class),
                r.get("body_hash", String.class), r.get("status", Integer.class), r.get("response", String.class)))
                .toList();
        if (rows.isEmpty()) {
            return Claim.of(Outcome.RUNNING);
        }
        Stored row = rows.get(0);
        if (!operation.equals(row.operation()) || !bodyHash.equals(row.bodyHash())) {
            return Claim.of(Outcome.REUSED);
        }
        if (row.status() == null) {
            return Claim.of(Outcome.RUNNING);
        }
        return new Claim(Outcome.ANSWERED, row.status(), row.response());
    }

    /** Stores the answer of the request that claimed the key, for its retries. */
    @Transactional(TxType.REQUIRES_NEW)
    public void answer(UUID tenantId, String key, int status, String response) {
        em.createNativeQuery("update api_idempotency set status = :s, response = :r where tenant_id = :t and key = :k")
                .setParameter("s", status).setParameter("r", response).setParameter("t", tenantId)
                .setParameter("k", key).executeUpdate();
    }

    /** Frees the key of a request that failed, so that a retry runs it again. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(UUID tenantId, String key) {
        em.createNativeQuery("delete from api_idempotency where tenant_id = :t and key = :k")
                .setParameter("t", tenantId).setParameter("k", key).executeUpdate();
    }
}
