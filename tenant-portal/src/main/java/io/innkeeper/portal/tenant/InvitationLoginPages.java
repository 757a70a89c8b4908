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

import io.innkeeper.kernel.NotFound;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Invitations;

/**
 * For an invited person with no login: the invitation's link, followed by {@code /set-up}, makes a login for the
 * invited address and has Keycloak mail the link that sets its password, so a provider that switched registration
 * off can still take people on by invitation. Needs no sign-in (the link is the authority); answers the same pages
 * as the invitation for used, revoked, expired and unknown links.
 */
@Path(Links.INVITATION_LOGINS)
@Produces(MediaType.TEXT_HTML)
public class InvitationLoginPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance offer(String token, Invitations.Offer offer);

        static native TemplateInstance done(String token, Invitations.Offer offer, boolean mailed);
    }

    @Inject
    Caller caller;

    @Inject
    Invitations invitations;

    @GET
    @Path("{token}")
    public Response show(@RestPath String token) {
        return invitations.offer(token).map(offer -> Response.status(offer.canAccept() ? 200 : 410)
                .entity(Templates.offer(token, offer)).build())
                .orElseGet(() -> Response.status(404).entity(InvitationPages.Templates.unknown()).build());
    }

    @POST
    @Path("{token}")
    public Response setUp(@RestPath String token) {
        Invitations.LoginSetUp result;
        try {
            result = invitations.setUpLogin(caller.actor(), token);
        } catch (NotFound e) {
            return Response.status(404).entity(InvitationPages.Templates.unknown()).build();
        } catch (Invitations.Closed e) {
            return show(token);
        }
        Invitations.Offer offer = invitations.offer(token).orElseThrow();
        return Response.ok(Templates.done(token, offer, result == Invitations.LoginSetUp.MAILED)).build();
    }

    /** Where an invitation's letter sends a person without a login. */
    static URI of(String token) {
        return URI.create(Links.INVITATION_LOGINS + "/" + token);
    }
}
