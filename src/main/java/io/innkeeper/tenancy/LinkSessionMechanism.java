package io.innkeeper.tenancy;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

import io.innkeeper.web.Paths;

/**
 * Signs in a browser that followed a sign-on link ({@link LoginLinks}): its session cookie, checked against the
 * database on each request, makes the customer owner's identity, pinned to that customer's account as an API token
 * is. It runs before OIDC's mechanism; a request without the cookie, or with an ended or expired one, goes on to
 * OIDC and so to Keycloak's sign-in. Never on the API, which takes bearer tokens only.
 */
@ApplicationScoped
public class LinkSessionMechanism implements HttpAuthenticationMechanism {

    public static final String COOKIE = "innkeeper-link";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (context.normalizedPath().startsWith(Paths.API)) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new LinkSessionRequest(cookie.getValue()))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(LinkSessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, COOKIE));
    }

    @Override
    public int getPriority() {
        return 2000;
    }

    /** Turns a live session into the owner's identity in the customer's account. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<LinkSessionRequest> {

        @Inject
        LoginLinks links;

        @Override
        public Class<LinkSessionRequest> getRequestType() {
            return LinkSessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(LinkSessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> lookup(request));
        }

        @ActivateRequestContext
        SecurityIdentity lookup(LinkSessionRequest request) {
            LoginLinks.SignedIn signedIn = links.session(request.secret())
                    .orElseThrow(() -> new AuthenticationFailedException("ended or unknown sign-on link session"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(signedIn.login()))
                    .addRole("customer")
                    .addAttribute(Caller.TOKEN_TENANT, signedIn.tenantId())
                    .addAttribute(Caller.LINK_SESSION, Boolean.TRUE)
                    .build();
        }
    }
}
