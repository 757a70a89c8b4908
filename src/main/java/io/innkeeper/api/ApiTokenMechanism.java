package io.innkeeper.api;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.account.TokenSecrets;
import io.innkeeper.web.Paths;

/**
 * Accepts panel API tokens ({@code Authorization: Bearer ikp_...}) on {@code /api/}, beside OIDC. It runs before
 * OIDC's mechanism (priority 1001): a request without a panel token yields no identity here and goes on to OIDC,
 * so a Keycloak access token still works. An unauthenticated API request is answered 401 with problem+json
 * instead of the browser's redirect to the sign-in page.
 */
@ApplicationScoped
public class ApiTokenMechanism implements HttpAuthenticationMechanism {

    static final String API_PATH = Paths.API;
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String secret = panelToken(context);
        if (secret == null) {
            return Uni.createFrom().nullItem();
        }
        String ip = context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress();
        return identities.authenticate(new ApiTokenRequest(secret, ip))
                .onFailure().transform(e -> e instanceof AuthenticationFailedException ? e
                        : new AuthenticationFailedException(e));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"innkeeper\""));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (!context.normalizedPath().startsWith(API_PATH)) {
            return Uni.createFrom().item(false);
        }
        ApiProblems.write(context, 401, "Sign-in needed",
                "Send an API token or a Keycloak access token as 'Authorization: Bearer ...'.");
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION,
                "bearer"));
    }

    @Override
    public int getPriority() {
        return 2000;
    }

    /** The panel token the request carries on an API path, or null. */
    static String panelToken(RoutingContext context) {
        if (!context.normalizedPath().startsWith(API_PATH)) {
            return null;
        }
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).strip();
        return token.startsWith(TokenSecrets.TOKEN_PREFIX) ? token : null;
    }
}
