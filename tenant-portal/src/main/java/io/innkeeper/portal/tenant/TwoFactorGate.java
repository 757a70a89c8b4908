package io.innkeeper.portal.tenant;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;

import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.TeamSecurity;
import io.innkeeper.tenancy.TwoFactor;

/**
 * Keeps a member of an account that requires two-factor sign-in out of its pages until they sign in with a one-time
 * code: instead of the page they asked for, they are sent to one that says how to set up an authenticator. The
 * sign-in token's {@code amr} claim says how they signed in. Admins (whose sign-in always asks for a code), API requests
 * (panel tokens are the integrators' way in) and signing out pass.
 */
public class TwoFactorGate {

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    TeamSecurity teamSecurity;

    @ServerRequestFilter
    public Response requireTwoFactor(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") || path.equals(Links.TWO_FACTOR_REQUIRED) || !caller.isSignedIn()
                || caller.isAdmin() || caller.tokenTenantId() != null || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || TwoFactor.signedInWith(jwt.getClaim("amr"))) {
            return null;
        }
        if (!caller.hasTenant() || !teamSecurity.requiresTwoFactor(caller.scopeTenant())) {
            return null;
        }
        // A page of its own, not this one rendered here: the request has not been through the CSRF filter yet,
        // whose token the page's sign-out form carries.
        return Response.seeOther(URI.create(Links.TWO_FACTOR_REQUIRED)).build();
    }
}
