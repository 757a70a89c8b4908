package io.innkeeper.portal.tenant;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Invitations;

/**
 * An invitation link: who invites the signed-in person to which account and in which role, with Accept. Any signed-in
 * login may open it (a stranger signs in or registers on Keycloak's page first and comes back here); a used, revoked,
 * expired or unknown link gets a page that says which, and changes nothing.
 */
@Path(Links.INVITATIONS)
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class InvitationPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance offer(String token, Invitations.Offer offer, String problem);

        static native TemplateInstance unknown();
    }

    @Inject
    Caller caller;

    @Inject
    Invitations invitations;

    @GET
    @Path("{token}")
    public Response show(@RestPath String token) {
        return invitations.offer(token).map(offer -> Response.status(offer.canAccept() ? 200 : 410)
                .entity(Templates.offer(token, offer, offer.refusal())).build())
                .orElseGet(() -> Response.status(404).entity(Templates.unknown()).build());
    }

    @POST
    @Path("{token}")
    public Response accept(@RestPath String token) {
        try {
            invitations.accept(caller.actor(), token, caller.login());
        } catch (NotFound e) {
            return Response.status(404).entity(Templates.unknown()).build();
        } catch (Invitations.Closed e) {
            return show(token);
        } catch (InvalidInput e) {
            Invitations.Offer offer = invitations.offer(token).orElseThrow();
            return Response.status(409).entity(Templates.offer(token, offer, e.errors().asMap().values().iterator()
                    .next())).build();
        }
        return Response.seeOther(URI.create(Links.DASHBOARD)).build();
    }
}
