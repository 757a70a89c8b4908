package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.rescue.ServerRescue;
import io.innkeeper.tenancy.Caller;

/**
 * Rescue mode from the server page. Turning it on answers with a page that shows the rescue root password this once
 * (not cached, never in a URL); turning it off goes back to the server page. A refusal for the server's state or
 * type comes back as a page with the reason (422); one for the person's role or account is the 403 page.
 */
@Path(Links.SERVERS + "/{id}/rescue")
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class RescuePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance entered(UUID serverId, ServerRescue.Entered entered);

        static native TemplateInstance refused(UUID serverId, String reason);
    }

    @Inject
    Caller caller;

    @Inject
    ServerRescue rescue;

    @POST
    public Response enter(@RestPath UUID id) {
        ServerRescue.Entered entered;
        try {
            entered = rescue.enter(caller.actor(), caller.scope(), caller.role(), id);
        } catch (ServerRescue.Unavailable e) {
            return Response.status(409).entity(Templates.refused(id, e.getMessage())).build();
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.refused(id, String.join(" ", e.errors().asMap().values())))
                    .build();
        }
        return Response.ok(Templates.entered(id, entered)).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("off")
    public Response leave(@RestPath UUID id) {
        try {
            rescue.leave(caller.actor(), caller.scope(), caller.role(), id);
        } catch (InvalidInput e) {
            return Response.status(422).entity(Templates.refused(id, String.join(" ", e.errors().asMap().values())))
                    .build();
        }
        return Response.seeOther(URI.create(Links.server(id))).build();
    }
}
