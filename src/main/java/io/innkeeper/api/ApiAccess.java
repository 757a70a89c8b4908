package io.innkeeper.api;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;

import io.innkeeper.account.TokenResource;
import io.innkeeper.tenancy.Caller;

/**
 * Before every API operation, the one place where a token's limits are enforced: a bootstrap token may only mint
 * a token, a token narrowed to some resources reaches only operations of those ({@link ScopedTo}), a read-only
 * token may only read, and each client keeps to its rate limit. Each refusal is a 403 problem naming what the token
 * lacks under {@code errors.scope}. (A token narrowed to one customer acts as that customer: {@code Caller} scopes
 * its data, so another account's objects answer 404.) The limit
 * is an in-memory token bucket (bucket4j) per API token, or per login for Keycloak tokens, in each replica: with N
 * replicas a client may send up to N times the limit. Past it the answer is 429 with Retry-After. Every answer to an
 * identified client says where it stands ({@code RateLimit-*}); an answer given before the client is known (no valid
 * token: 401; a request past the API's size limits) counts against no bucket and carries none.
 */
public class ApiAccess {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    io.vertx.ext.web.RoutingContext routing;

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiConfig config;

    @Inject
    ApiResponses responses;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith(ApiTokenMechanism.API_PATH) || identity.isAnonymous()) {
            return null;
        }
        Object tokenId = identity.getAttribute(Caller.TOKEN_ID);
        String client = tokenId != null ? "token:" + tokenId : "login:" + identity.getPrincipal().getName();
        ConsumptionProbe probe = buckets.computeIfAbsent(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        limits(probe);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            return Response.fromResponse(responses.problem(429, "Too many requests",
                    "This client sent more requests than its rate limit allows; try again in " + seconds + " s.",
                    Map.of())).header("Retry-After", String.valueOf(seconds)).build();
        }
        if (tokenId == null) {
            return null;
        }
        Method method = resource.getResourceMethod();
        if (Boolean.TRUE.equals(identity.getAttribute(Caller.TOKEN_BOOTSTRAP))) {
            return method != null && method.isAnnotationPresent(ScopedTo.Bootstrap.class) ? null
                    : responses.problem(403, "Bootstrap token",
                            "A bootstrap token may only mint a token (POST /api/v1/tokens); use the token it mints.",
                            Map.of("scope", "This operation needs an ordinary token, not a bootstrap token."));
        }
        Set<String> reaches = identity.getAttribute(Caller.TOKEN_RESOURCES);
        for (TokenResource needed : needs(resource)) {
            if (reaches != null && !reaches.contains(needed.name())) {
                return responses.problem(403, "Token scope missing", "This API token does not reach "
                        + needed.name() + "; create a token whose resources include " + needed.name() + ".",
                        Map.of("scope", "Needs the resource " + needed.name() + "."));
            }
        }
        if (!READS.contains(request.getMethod())
                && "READ".equals(identity.getAttribute(Caller.TOKEN_SCOPE))) {
            return responses.problem(403, "Read-only token",
                    "This API token may only read; create a token with the write scope to change things.",
                    Map.of("scope", "Needs the WRITE scope."));
        }
        return null;
    }

    /**
     * The client's limit on the answer, whatever it turns out to be (a success, an error, this 429), in the IETF
     * draft's names: {@code RateLimit-Limit} the bucket's size, {@code RateLimit-Remaining} the requests left in it,
     * {@code RateLimit-Reset} the seconds until it is full again. Set on the HTTP response before the operation runs,
     * so an error mapped later keeps them.
     */
    private void limits(ConsumptionProbe probe) {
        long capacity = config.rateLimit().capacity();
        long remaining = Math.max(0, probe.getRemainingTokens());
        long refill = Math.max(1, config.rateLimit().refillPerSecond());
        long reset = (capacity - remaining + refill - 1) / refill;
        routing.response().putHeader(LIMIT, String.valueOf(capacity)).putHeader(REMAINING, String.valueOf(remaining))
                .putHeader(RESET, String.valueOf(reset));
    }

    /**
     * The resources an operation belongs to: its method's {@link ScopedTo}, else its class's; all of them for an
     * operation that says none, so that only tokens reaching everything may call it.
     */
    static TokenResource[] needs(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        ScopedTo scoped = method == null ? null : method.getAnnotation(ScopedTo.class);
        if (scoped == null && resource.getResourceClass() != null) {
            scoped = resource.getResourceClass().getAnnotation(ScopedTo.class);
        }
        return scoped == null ? TokenResource.values() : scoped.value();
    }

    private Bucket newBucket() {
        long capacity = config.rateLimit().capacity();
        long refill = config.rateLimit().refillPerSecond();
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                .refillGreedy(refill, Duration.ofSeconds(1)).build()).build();
    }
}
