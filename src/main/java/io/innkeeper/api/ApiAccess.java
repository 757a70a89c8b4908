package io.innkeeper.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;

import io.innkeeper.tenancy.Caller;

/**
 * Before every API operation: a read-only token may only read, and each client keeps to its rate limit. The limit
 * is an in-memory token bucket (bucket4j) per API token, or per login for Keycloak tokens, in each replica: with N
 * replicas a client may send up to N times the limit. Past it the answer is 429 with Retry-After.
 */
public class ApiAccess {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiConfig config;

    @Inject
    ApiResponses responses;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(ApiTokenMechanism.API_PATH) || identity.isAnonymous()) {
            return null;
        }
        Object tokenId = identity.getAttribute(Caller.TOKEN_ID);
        String client = tokenId != null ? "token:" + tokenId : "login:" + identity.getPrincipal().getName();
        ConsumptionProbe probe = buckets.computeIfAbsent(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            return Response.fromResponse(responses.problem(429, "Too many requests",
                    "This client sent more requests than its rate limit allows; try again in " + seconds + " s.",
                    Map.of())).header("Retry-After", String.valueOf(seconds)).build();
        }
        if (!READS.contains(request.getMethod())
                && "READ".equals(identity.getAttribute(Caller.TOKEN_SCOPE))) {
            return responses.problem(403, "Read-only token",
                    "This API token may only read; create a token with the write scope to change things.", Map.of());
        }
        return null;
    }

    private Bucket newBucket() {
        long capacity = config.rateLimit().capacity();
        long refill = config.rateLimit().refillPerSecond();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                .refillGreedy(refill, Duration.ofSeconds(1)).build()).build();
    }
}
