package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.job.Job;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.provisioning.template.OsTemplate;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;
import io.innkeeper.tenancy.Caller;

/**
 * A customer's servers: the list, the order form, one server's page and its power actions. Each GET answers
 * the full page, or with {@code HX-Request} only the fragment that htmx polls while something is changing.
 */
@Path(Links.SERVERS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class ServerPages {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Server> servers, boolean busy);

        static native TemplateInstance list$rows(List<Server> servers, boolean busy);

        static native TemplateInstance form(List<Region> regions, List<Plan> plans, List<OsTemplate> templates,
                Usage remaining, OrderRequest order, FieldErrors errors);

        static native TemplateInstance show(Server server, List<Address> addresses, List<Job> jobs,
                List<GuestSnapshot> snapshots, List<Plan> plans, List<OsTemplate> templates, boolean busy,
                FieldErrors errors);

        static native TemplateInstance show$status(Server server, List<Address> addresses, List<Job> jobs,
                List<GuestSnapshot> snapshots, List<Plan> plans, List<OsTemplate> templates, boolean busy,
                FieldErrors errors);
    }

    @Inject
    Caller caller;

    @Inject
    ServerQueries servers;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @GET
    public TemplateInstance list(@RestHeader("HX-Request") boolean htmx) {
        List<Server> page = servers.list(caller.scope(), 0, PAGE_SIZE);
        boolean busy = page.stream().anyMatch(s -> s.guest.status.busy());
        return htmx ? Templates.list$rows(page, busy) : Templates.list(page, busy);
    }

    @GET
    @Path("new")
    public TemplateInstance orderForm() {
        caller.scope();
        return form(new OrderRequest("", "", "", "", null, UUID.randomUUID().toString()), new FieldErrors());
    }

    @POST
    public Response order(@RestForm String hostname, @RestForm String region, @RestForm String plan,
            @RestForm String template, @RestForm String idempotencyKey) {
        OrderRequest request = new OrderRequest(hostname, region, plan, template, null, idempotencyKey);
        try {
            orders.order(caller.actor(), caller.scope(), request);
        } catch (InvalidInput e) {
            return Response.status(422).entity(form(request, e.errors())).build();
        } catch (ConstraintViolationException e) {
            // Two orders with the same hostname at once: the database's unique index decides.
            return Response.status(422).entity(form(request, new FieldErrors().add("hostname",
                    "You already have a server with this hostname."))).build();
        }
        return Response.seeOther(URI.create(Links.SERVERS)).build();
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return page(id, htmx, new FieldErrors());
    }

    @POST
    @Path("{id}/reboot")
    public Response reboot(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return power(id, htmx, OrderService.Power.REBOOT);
    }

    @POST
    @Path("{id}/start")
    public Response start(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return power(id, htmx, OrderService.Power.START);
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return power(id, htmx, OrderService.Power.STOP);
    }

    @POST
    @Path("{id}/power-off")
    public Response powerOff(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return power(id, htmx, OrderService.Power.POWER_OFF);
    }

    @POST
    @Path("{id}/resize")
    public Response resize(@RestPath UUID id, @RestForm String plan) {
        return change(id, () -> orders.resize(caller.actor(), caller.scope(), id, plan));
    }

    @POST
    @Path("{id}/reinstall")
    public Response reinstall(@RestPath UUID id, @RestForm String template) {
        return change(id, () -> orders.reinstall(caller.actor(), caller.scope(), id, template));
    }

    @POST
    @Path("{id}/snapshots")
    public Response snapshot(@RestPath UUID id, @RestForm String name) {
        return change(id, () -> orders.snapshot(caller.actor(), caller.scope(), id,
                OrderService.SnapshotAction.CREATE, name));
    }

    @POST
    @Path("{id}/snapshots/{name}/revert")
    public Response revert(@RestPath UUID id, @RestPath String name) {
        return change(id, () -> orders.snapshot(caller.actor(), caller.scope(), id,
                OrderService.SnapshotAction.REVERT, name));
    }

    @POST
    @Path("{id}/snapshots/{name}/delete")
    public Response deleteSnapshot(@RestPath UUID id, @RestPath String name) {
        return change(id, () -> orders.snapshot(caller.actor(), caller.scope(), id,
                OrderService.SnapshotAction.DELETE, name));
    }

    /** A form on the server page: back to the page when it worked, the page with the message when it did not. */
    private Response change(UUID id, Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            return Response.status(422).entity(page(id, false, e.errors())).build();
        }
        return Response.seeOther(URI.create(Links.server(id))).build();
    }

    /** htmx swaps the status card in place; without JavaScript the browser is sent back to the server page. */
    private Response power(UUID id, boolean htmx, OrderService.Power action) {
        try {
            orders.power(caller.actor(), caller.scope(), id, action);
        } catch (InvalidInput e) {
            return Response.status(htmx ? 200 : 409).entity(page(id, htmx, e.errors())).build();
        }
        return htmx ? Response.ok(page(id, true, new FieldErrors())).build()
                : Response.seeOther(URI.create(Links.server(id))).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        orders.delete(caller.actor(), caller.scope(), id);
        return htmx ? Response.ok().header("HX-Redirect", Links.SERVERS).build()
                : Response.seeOther(URI.create(Links.SERVERS)).build();
    }

    private TemplateInstance page(UUID id, boolean fragment, FieldErrors errors) {
        Server server = servers.get(caller.scope(), id);
        List<Job> jobs = Job.recentForGuest(server.id, 5);
        boolean busy = server.guest.status.busy();
        List<Address> addresses = servers.addresses(server);
        if (fragment) {
            return Templates.show$status(server, addresses, jobs, List.of(), List.of(), List.of(), busy, errors);
        }
        String type = server.guest.node.guestType;
        List<Plan> plans = Plan.onSale().stream().filter(p -> p.runsAs(type) && !p.id.equals(server.plan.id)).toList();
        List<OsTemplate> templates = OsTemplate.<OsTemplate>list("onSale = true order by name").stream()
                .filter(t -> t.supports(type)).toList();
        return Templates.show(server, addresses, jobs, servers.snapshots(server), plans, templates, busy, errors);
    }

    /** The order form offers only the plans that still fit the tenant's quota, and says what is left. */
    private TemplateInstance form(OrderRequest request, FieldErrors errors) {
        Usage left = quotas.remaining(caller.scope().tenantId());
        List<Plan> fitting = Plan.onSale().stream().filter(p -> left.servers() >= 1 && left.vcpus() >= p.vcpus
                && left.memoryMib() >= p.memoryMib && left.diskGib() >= p.diskGib).toList();
        return Templates.form(Region.listAll(io.quarkus.panache.common.Sort.by("name")), fitting,
                OsTemplate.list("onSale = true order by name"), left, request, errors);
    }
}
