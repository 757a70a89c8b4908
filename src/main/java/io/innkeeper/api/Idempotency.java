package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.account.TokenSecrets;
import io.innkeeper.kernel.IdempotencyKeys;
import io.innkeeper.kernel.InvalidInput;

/**
 * {@code Idempotency-Key} on POSTs other than orders (an order keeps its key with its server, see
 * {@code PlaceServer}): the first request with a key claims it, runs, and stores its answer; the same
 * key with the same operation and body replays that answer; with another body it is refused (422); while the first
 * still runs, a second is told to wait (409). A request that fails with an error frees its key again.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** The key was used before for another operation or body. */
    public static class KeyReused extends RuntimeException {
        KeyReused() {
            super("This Idempotency-Key was already used with a different request; use a new key.");
        }
    }

    /** The first request with this key has not finished yet. */
    public static class InFlight extends RuntimeException {
        InFlight() {
            super("A request with this Idempotency-Key is still running; retry in a moment.");
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Idempotency self;

    public Response run(UUID tenantId, String key, String operation, byte[] body, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        IdempotencyKeys.problem(key).ifPresent(p -> {
            throw InvalidInput.of(HEADER, p);
        });
        String hash = TokenSecrets.hash(operation + "\n" + new String(body == null ? new byte[0] : body,
                StandardCharsets.UTF_8));
        Response replay = self.claim(tenantId, key, operation, hash);
        if (replay != null) {
            return replay;
        }
        Response answer;
        try {
            answer = action.get();
        } catch (RuntimeException e) {
            self.release(tenantId, key);
            throw e;
        }
        if (answer.getStatus() >= 500) {
            self.release(tenantId, key);
        } else {
            self.store(tenantId, key, answer.getStatus(), toJson(answer.getEntity()));
        }
        return answer;
    }

    /** Claims the key; answers the stored response when it was claimed and answered before. */
    @Transactional(TxType.REQUIRES_NEW)
    Response claim(UUID tenantId, String key, String operation, String hash) {
        int inserted = em.createNativeQuery("insert into api_idempotency (tenant_id, key, operation, body_hash, "
                + "created_at) values (:t, :k, :o, :h, :at) on conflict do nothing")
                .setParameter("t", tenantId).setParameter("k", key).setParameter("o", operation)
                .setParameter("h", hash).setParameter("at", clock.instant()).executeUpdate();
        if (inserted == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select operation, body_hash, status, response from "
                + "api_idempotency where tenant_id = :t and key = :k")
                .setParameter("t", tenantId).setParameter("k", key).getResultList();
        if (rows.isEmpty()) {
            throw new InFlight();
        }
        Object[] row = rows.get(0);
        if (!operation.equals(row[0]) || !hash.equals(row[1])) {
            throw new KeyReused();
        }
        if (row[2] == null) {
            throw new InFlight();
        }
        return Response.status(((Number) row[2]).intValue()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(row[3]).header("Idempotent-Replayed", "true").build();
    }

    @Transactional(TxType.REQUIRES_NEW)
    void store(UUID tenantId, String key, int status, String response) {
        em.createNativeQuery("update api_idempotency set status = :s, response = :r where tenant_id = :t and key = :k")
                .setParameter("s", status).setParameter("r", response).setParameter("t", tenantId)
                .setParameter("k", key).executeUpdate();
    }

    @Transactional(TxType.REQUIRES_NEW)
    void release(UUID tenantId, String key) {
        em.createNativeQuery("delete from api_idempotency where tenant_id = :t and key = :k")
                .setParameter("t", tenantId).setParameter("k", key).executeUpdate();
    }

    private String toJson(Object entity) {
        try {
            return entity == null ? null : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("API answers are serialisable", e);
        }
    }
}
