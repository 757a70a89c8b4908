package io.innkeeper.portal.admin.servers;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.ServerConsole;
import io.innkeeper.orders.ServerForce;
import io.innkeeper.orders.ServerMove;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.orders.console.ConsoleTickets;
import io.innkeeper.portal.admin.AdminLinks;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Tenants;

/** Every tenant's servers, filtered by node, tenant, state and plan, with an admin's force actions. */
@Path(AdminLinks.SERVERS)
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class AdminServers {

    static final int PAGE_SIZE = 50;

    /** A choice in one of the filter's lists, and whether the filter has it (the list's selected option). */
    public record Choice(String value, String label, boolean selected) {

        static Choice of(Object value, String label, Object chosen) {
            String text = value.toString();
            return new Choice(text, label, chosen != null && text.equals(chosen.toString()));
        }
    }

    /** What the filter form offers, with the filter's choices selected. */
    public record Choices(List<Choice> nodes, List<Choice> tenants, List<Choice> states, List<Choice> plans) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ServerList.Page page, ServerFilter filter, Choices choices,
                FieldErrors errors);

        static native TemplateInstance list$table(ServerList.Page page, ServerFilter filter, Choices choices,
                FieldErrors errors);

        static native TemplateInstance show(ServerMove.View server, List<ServerMove.Target> targets,
                List<ServerMove.JobLine> jobs, String notice, FieldErrors errors, ServerConsole console);

        static native TemplateInstance show$move(ServerMove.View server, List<ServerMove.Target> targets,
                List<ServerMove.JobLine> jobs, String notice, FieldErrors errors);

        static native TemplateInstance show$console(ServerMove.View server, ServerConsole console);

        static native TemplateInstance sessions(UUID server, List<ConsoleSessions.OpenSession> sessions);
    }

    @Inject
    Caller caller;

    @Inject
    ConsoleTickets consoleTickets;

    @Inject
    ConsoleSessions consoleSessions;

    @Inject
    ServerList servers;

    @Inject
    ServerForce force;

    @Inject
    ServerMove moves;

    @Inject
    Nodes nodes;

    @Inject
    Tenants tenants;

    @Inject
    PlanCatalog plans;

    @GET
    public Response list(@RestQuery String node, @RestQuery String tenant, @RestQuery String state,
            @RestQuery String plan, @RestQuery String q, @RestQuery String after,
            @RestHeader("HX-Request") boolean htmx) {
        ServerFilter filter;
        FieldErrors errors = new FieldErrors();
        int status = 200;
        try {
            filter = ServerFilter.parse(node, tenant, state, plan, q, after);
        } catch (InvalidInput e) {
            filter = ServerFilter.none();
            errors = e.errors();
            status = 422;
        }
        return Response.status(status).entity(render(filter, errors, htmx)).build();
    }

    /** One server: where it runs, its jobs, and moving it to another node. */
    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return server(id, htmx, "", new FieldErrors(), null);
    }

    /**
     * The end of the server's serial console, read from its node now: the console card for htmx (the page loads it
     * after itself, and Refresh reloads it), the whole page with it for a browser without JavaScript.
     */
    @GET
    @Path("{id}/console")
    public TemplateInstance console(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        ServerConsole console = moves.console(id);
        return htmx ? Templates.show$console(moves.view(id), console)
                : server(id, false, "", new FieldErrors(), console);
    }

    /** A one-time ticket for any server's console, for the page's terminal (console.js); audited as the admin's. */
    @POST
    @Path("{id}/console/ticket")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> consoleTicket(@RestPath UUID id) {
        ConsoleTickets.Ticket ticket = consoleTickets.issueAsAdmin(caller.actor(), id);
        return Map.of("ticket", ticket.ticket(), "path", "/api/v1/servers/" + id + "/console/socket");
    }

    /** Who holds the server's console now, on any replica; the page loads it after itself. */
    @GET
    @Path("{id}/console/sessions")
    public TemplateInstance consoleSessions(@RestPath UUID id) {
        return Templates.sessions(id, consoleSessions.openOn(id));
    }

    /** Ends someone's console session, wherever it is held; back to the list of sessions. */
    @POST
    @Path("{id}/console/sessions/{session}/end")
    public Response endConsoleSession(@RestPath UUID id, @RestPath UUID session,
            @RestHeader("HX-Request") boolean htmx) {
        consoleSessions.end(caller.actor(), session);
        return htmx ? Response.ok(Templates.sessions(id, consoleSessions.openOn(id))).build()
                : Response.seeOther(URI.create(AdminLinks.server(id))).build();
    }

    /**
     * Moves the server to the chosen node by offline migration; the page shows the MIGRATE job. Refusals (no room,
     * snapshots, another type or region, a busy server) show next to the choice; htmx gets them with 200 so it
     * swaps them in.
     */
    @POST
    @Path("{id}/move")
    public Response move(@RestPath UUID id, @RestForm String target, @RestHeader("HX-Request") boolean htmx) {
        try {
            moves.move(caller.actor(), id, target);
        } catch (InvalidInput e) {
            return Response.status(htmx ? 200 : 409).entity(server(id, htmx, "", e.errors(), null)).build();
        }
        ServerMove.View moved = moves.view(id);
        return htmx ? Response.ok(server(id, true, moved.hostname() + " is moving to " + moved.node() + ".",
                new FieldErrors(), null)).build() : Response.seeOther(URI.create(AdminLinks.server(id))).build();
    }

    private TemplateInstance server(UUID id, boolean fragment, String notice, FieldErrors errors,
            ServerConsole console) {
        ServerMove.View view = moves.view(id);
        List<ServerMove.Target> targets = moves.targets(id);
        List<ServerMove.JobLine> jobs = moves.jobs(id);
        return fragment ? Templates.show$move(view, targets, jobs, notice, errors)
                : Templates.show(view, targets, jobs, notice, errors, console);
    }

    @POST
    @Path("{id}/start")
    public Response start(@RestPath UUID id, @RestForm String back) {
        return force(id, ServerForce.Action.START, back);
    }

    @POST
    @Path("{id}/power-off")
    public Response powerOff(@RestPath UUID id, @RestForm String back) {
        return force(id, ServerForce.Action.POWER_OFF, back);
    }

    private Response force(UUID id, ServerForce.Action action, String back) {
        try {
            force.force(caller.actor(), id, action);
        } catch (InvalidInput e) {
            return Response.status(409).entity(render(ServerFilter.none(), e.errors(), false)).build();
        }
        return Response.seeOther(URI.create(AdminLinks.SERVERS + (back == null || back.isBlank()
                || !back.matches("[A-Za-z0-9=&._~:%+-]*") ? "" : "?" + back))).build();
    }

    private TemplateInstance render(ServerFilter filter, FieldErrors errors, boolean htmx) {
        ServerList.Page page = servers.page(filter, PAGE_SIZE);
        // The three modules' lists in one transaction, not one each.
        Choices choices = htmx ? null : QuarkusTransaction.joiningExisting().call(() -> choices(filter));
        return htmx ? Templates.list$table(page, filter, choices, errors)
                : Templates.list(page, filter, choices, errors);
    }

    /**
     * The filter's lists, each option knowing whether it is selected: deciding that here, once per option, and not
     * in the template, kept the page with a tenant chosen from costing 12 ms more than the page without (500
     * tenants, each compared by the template's expression evaluation).
     */
    private Choices choices(ServerFilter filter) {
        return new Choices(nodes.names().stream().map(n -> Choice.of(n.id(), n.name(), filter.node())).toList(),
                tenants.open().stream().map(t -> Choice.of(t.id(), t.name(), filter.tenant())).toList(),
                Stream.of(GuestStatus.values()).map(s -> Choice.of(s.name(), s.label(), filter.state())).toList(),
                plans.codes().stream().map(p -> Choice.of(p.code(), p.name(), filter.plan())).toList());
    }
}
