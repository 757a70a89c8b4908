package io.innkeeper.portal.tenant;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.LinkSessionMechanism;
import io.innkeeper.tenancy.LoginLinks;

/**
 * A reseller's single sign-on link ({@link LoginLinks}): followed once before it expires, it sets the session cookie
 * that signs the customer's owner in and goes on to the dashboard; otherwise it says the link is spent. Needs no
 * sign-in (the link is the authority). Signing out of such a session ends it here, as Keycloak has none to end.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginLinkPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance spent();
    }

    @Inject
    Caller caller;

    @Inject
    LoginLinks links;

    @Inject
    java.time.Clock clock;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @GET
    @Path("login-links/{secret}")
    public Response follow(@RestPath String secret) {
        return links.follow(secret, caller.actor().sourceIp())
                .map(session -> Response.seeOther(URI.create(Links.DASHBOARD)).cookie(cookie(session.secret(),
                        (int) java.time.Duration.between(clock.instant(), session.until()).toSeconds()))
                        .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build())
                .orElseGet(() -> Response.status(410).entity(Templates.spent())
                        .header("Referrer-Policy", "no-referrer").build());
    }

    /** Sign-out of a link's session (a Keycloak session's sign-out is OIDC's, which answers before this). */
    @POST
    @Path("logout")
    public Response signOut(@RestCookie(LinkSessionMechanism.COOKIE) String session) {
        if (session != null) {
            links.end(session, caller.actor().sourceIp());
        }
        return Response.seeOther(URI.create("/signed-out")).cookie(cookie("", 0)).build();
    }

    /** The session cookie: HTTP only, sent on the panel's own pages and on the redirect that follows the link. */
    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(LinkSessionMechanism.COOKIE).value(value).path("/").httpOnly(true)
                .secure("https".equals(uri.getRequestUri().getScheme())).sameSite(NewCookie.SameSite.LAX)
                .maxAge(Math.max(0, maxAge)).build();
    }
}
