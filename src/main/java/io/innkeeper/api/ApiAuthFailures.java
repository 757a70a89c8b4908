package io.innkeeper.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A bearer token that fails authentication on {@code /api/} (a malformed, expired or badly signed Keycloak token, or
 * an unknown panel token) answers 401 with problem+json, not OIDC's empty 401. With proactive authentication the
 * failure reaches the router's failure handlers after the mechanism's challenge has set the status, and before the
 * response is sent; this handler writes the body there (as the Quarkus proactive-authentication guide advises).
 */
@ApplicationScoped
public class ApiAuthFailures {

    static final String CHALLENGE = "Bearer realm=\"innkeeper\", error=\"invalid_token\"";

    void install(@Observes Router router) {
        router.route(ApiTokenMechanism.API_PATH + "*").failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        if (context.response().ended() || !authenticationFailed(context.failure())) {
            context.next();
            return;
        }
        ApiProblems.write(context, 401, "Invalid token",
                "The bearer token was not accepted: it is malformed, expired, revoked, or not signed by this panel's "
                        + "identity provider. Send a valid API token (ikp_...) or Keycloak access token.",
                CHALLENGE);
    }

    private static boolean authenticationFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
