package io.innkeeper.portal.admin.servers;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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

import io.innkeeper.orders.console.ConsoleKind;
import io.innkeeper.orders.console.ConsoleScreens;
import io.innkeeper.orders.console.ConsoleTickets;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.tenancy.Caller;

/**
 * Any VM's graphical console for an admin: the tenant portal's page (screen.js, noVNC) with an admin's ticket, and
 * the API's screenshot; both audited as the admin's. Containers have no screen, and the page says so.
 */
@Path(AdminLinks.SERVERS + "/{id}/screen")
@RolesAllowed("admin")
public class AdminServerScreens {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(ConsoleScreens.ScreenView view);
    }

    @Inject
    Caller caller;

    @Inject
    ConsoleScreens screens;

    @Inject
    ConsoleTickets tickets;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@RestPath UUID id) {
        return Templates.show(screens.viewAsAdmin(id));
    }

    @POST
    @Path("/ticket")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ticket(@RestPath UUID id) {
        try {
            ConsoleTickets.Ticket ticket = tickets.issueAsAdmin(caller.actor(), id, ConsoleKind.VNC);
            return Response.ok(Map.of("ticket", ticket.ticket(), "path", ConsoleKind.VNC.socketPath(id))).build();
        } catch (ConsoleTickets.NoSuchConsole e) {
            return Response.status(409).type(MediaType.APPLICATION_JSON).entity(Map.of("message", e.getMessage()))
                    .build();
        }
    }
}
