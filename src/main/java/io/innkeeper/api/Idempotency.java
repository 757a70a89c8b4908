package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.account.IdempotentRequests;
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
    IdempotentRequests requests;

    @Inject
    ObjectMapper json;

    public Response run(UUID tenantId, String key, String operation, byte[] body, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        IdempotencyKeys.problem(key).ifPresent(p -> {
            throw InvalidInput.of(HEADER, p);
        });
        String hash = TokenSecrets.hash(operation + "\n" + new String(body == null ? new byte[0] : body,
                StandardCharsets.UTF_8));
        Response replay = claim(tenantId, key, operation, hash);
        if (replay != null) {
            return replay;
        }
        Response answer;
        try {
            answer = action.get();
        } catch (RuntimeException e) {
            requests.release(tenantId, key);
            throw e;
        }
        if (answer.getStatus() >= 500) {
            requests.release(tenantId, key);
        } else {
            requests.answer(tenantId, key, answer.getStatus(), toJson(answer.getEntity()));
        }
        return answer;
    }

    /** Claims the key; answers the stored response when it was claimed and answered before. */
    private Response claim(UUID tenantId, String key, String operation, String hash) {
        IdempotentRequests.Claim claim = requests.claim(tenantId, key, operation, hash);
        return switch (claim.outcome()) {
            case CLAIMED -> null;
            case RUNNING -> throw new InFlight();
            case REUSED -> throw new KeyReused();
            case ANSWERED -> Response.status(claim.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(claim.response()).header("Idempotent-Replayed", "true").build();
        };
    }

    private String toJson(Object entity) {
        try {
            return entity == null ? null : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("API answers are serialisable", e);
        }
    }
}
