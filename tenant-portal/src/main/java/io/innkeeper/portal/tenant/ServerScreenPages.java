package io.innkeeper.portal.tenant;

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
import io.innkeeper.tenancy.Caller;

/**
 * A VM's graphical console: a page of its own with noVNC (screen.js) joined to the VM's screen through the panel,
 * Send Ctrl-Alt-Del, and a screenshot taken through libvirt (the API's, {@link Links#screenshot}), shown when the
 * live screen cannot be reached and linked anyway. Containers have no screen, and the page says so. Who may use it
 * is the console's rule.
 */
@Path(Links.SERVERS + "/{id}/screen")
@RolesAllowed({ "customer", "reseller" })
public class ServerScreenPages {

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
        return Templates.show(screens.view(caller.scope(), caller.role(), id));
    }

    /** A one-time {@code vnc} ticket and the socket's path, for screen.js; refused (403) as the console is. */
    @POST
    @Path("/ticket")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ticket(@RestPath UUID id) {
        try {
            ConsoleTickets.Ticket ticket = tickets.issue(caller.actor(), caller.scope(), caller.role(), id,
                    ConsoleKind.VNC);
            return Response.ok(new ServerPages.TerminalTicket(ticket.ticket(), ConsoleKind.VNC.socketPath(id)))
                    .build();
        } catch (ConsoleTickets.NoSuchConsole e) {
            return Response.status(409).type(MediaType.APPLICATION_JSON).entity(Map.of("message", e.getMessage()))
                    .build();
        }
    }
}
