package io.innkeeper.portal.tenant;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import io.innkeeper.catalog.PlanCatalog;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.orders.ListServers;
import io.innkeeper.orders.OrderQuote;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.PlaceServer;
import io.innkeeper.account.SshKeys;
import io.innkeeper.orders.ServerAccess;
import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerConsole;
import io.innkeeper.orders.ServerDetails;
import io.innkeeper.orders.ServerFilter;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.orders.ServerRow;
import io.innkeeper.orders.ServerSettings;
import io.innkeeper.orders.console.ConsoleRules;
import io.innkeeper.orders.console.ConsoleTickets;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.provisioning.metering.UsageSamples;
import io.innkeeper.provisioning.node.Nodes;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.CustomerNames;
import io.innkeeper.tenancy.Scope;

/**
 * A customer's servers: the list, the order form, one server's page and its power actions. Each GET answers
 * the full page, or with {@code HX-Request} only the fragment that htmx polls while something is changing.
 */
@Path(Links.SERVERS)
@RolesAllowed({ "customer", "reseller" })
@Produces(MediaType.TEXT_HTML)
public class ServerPages {

    static final int JOBS = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ServerList view);

        static native TemplateInstance list$rows(ServerList view);

        static native TemplateInstance list$results(ServerList view);

        static native TemplateInstance form(OrderOffer.Choices offer, OrderRequest order, Draft draft,
                OrderQuote quote, FieldErrors errors, List<SshKeys.Key> keys);

        static native TemplateInstance form$quote(OrderOffer.Choices offer, OrderRequest order, Draft draft,
                OrderQuote quote, FieldErrors errors, List<SshKeys.Key> keys);

        static native TemplateInstance show(ServerView view);

        static native TemplateInstance show$status(ServerView view);

        static native TemplateInstance show$usage(ServerView view);

        static native TemplateInstance show$console(ServerView view);
    }

    @Inject
    Caller caller;

    @Inject
    ServerQueries servers;

    @Inject
    ListServers list;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    ServerSettings settings;

    @Inject
    UsageHistory usage;

    @Inject
    OrderOffer offer;

    @Inject
    PlaceServer placeServer;

    @Inject
    ServerAccess serverAccess;

    @Inject
    ServerDetails details;

    @Inject
    PlanCatalog catalog;

    @Inject
    Nodes nodes;

    @Inject
    CustomerNames customerNames;

    @Inject
    ConsoleTickets consoleTickets;

    @Inject
    SshKeys sshKeyList;

    @Inject
    io.innkeeper.orders.rescue.ServerRescue rescue;

    static final String SENT_BEFORE = "This form was sent before with other choices and ordered a server then. "
            + "Check the choices and send it again to order another server.";

    /**
     * What the order form keeps when it comes back with errors: the pasted keys, the saved keys ticked and the user
     * data. The root password is never sent back.
     */
    public record Draft(String sshKeys, String userData, List<UUID> keyIds) {
        static final Draft NONE = new Draft("", "", List.of());

        public Draft {
            keyIds = List.copyOf(keyIds);
        }

        /** Whether the saved key {@code id} is ticked. */
        public boolean ticked(UUID id) {
            return keyIds.contains(id);
        }
    }

    /**
     * The servers of the scope, filtered and paged by keyset. htmx polls only the rows; the filter form, which
     * targets the results, gets the table and its pager.
     */
    @GET
    @Transactional
    public TemplateInstance list(@RestQuery String q, @RestQuery String state, @RestQuery String region,
            @RestQuery String plan, @RestQuery String customer, @RestQuery String after, @RestQuery String size,
            @RestHeader("HX-Request") boolean htmx, @RestHeader("HX-Target") String target) {
        ServerList.Query query = new ServerList.Query(q, state, region, plan, customer, after, size);
        Scope scope = caller.scope();
        ServerFilter.Page page = list.page(ListServers.Scope.tenant(scope.tenantId()), query.filter(),
                query.cursor().orElse(null), query.limit());
        boolean reseller = scope.tenantIds().size() > 1;
        // htmx polls the rows every second: they need none of the filter form's choices.
        boolean rowsOnly = htmx && !"server-results".equals(target);
        List<CustomerNames.Customer> customers = reseller && !rowsOnly ? customerNames.of(scope) : List.of();
        Map<UUID, List<String>> addresses = list.addresses(page.rows().stream().map(ServerRow::id).toList());
        ServerList view = new ServerList(query, page.rows(), addresses, page.next(),
                rowsOnly ? List.of() : nodes.regions(),
                rowsOnly ? List.of() : catalog.onSale(), customers,
                List.of(GuestStatus.values()).stream().filter(GuestStatus::isLive).toList(), reseller,
                caller.canChange());
        if (!htmx) {
            return Templates.list(view);
        }
        return "server-results".equals(target) ? Templates.list$results(view) : Templates.list$rows(view);
    }

    @GET
    @Path("new")
    public TemplateInstance orderForm() {
        caller.scope();
        return form(new OrderRequest("", "", "", "", null, UUID.randomUUID().toString()), Draft.NONE,
                new FieldErrors());
    }

    /**
     * The price and whether the order would go through, for the form's choices so far: htmx asks for it on every
     * change of the form. Nothing is reserved.
     */
    @GET
    @Path("new/quote")
    public TemplateInstance quote(@RestQuery String hostname, @RestQuery String region, @RestQuery String plan,
            @RestQuery String template, @RestQuery String guestType) {
        OrderRequest request = new OrderRequest(hostname, region, plan, template, blankToNull(guestType), null);
        return Templates.form$quote(null, request, Draft.NONE, quoteOf(request), new FieldErrors(), List.of());
    }

    @POST
    public Response order(@RestForm String hostname, @RestForm String region, @RestForm String plan,
            @RestForm String template, @RestForm String guestType, @RestForm String idempotencyKey,
            @RestForm String rootPassword, @RestForm String sshKeys, @RestForm List<String> sshKeyId,
            @RestForm String userData) {
        List<UUID> keyIds = new java.util.ArrayList<>();
        boolean unknownKey = false;
        for (String id : sshKeyId == null ? List.<String>of() : sshKeyId) {
            try {
                keyIds.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                unknownKey = true;
            }
        }
        OrderRequest request = new OrderRequest(hostname, region, plan, template, blankToNull(guestType),
                idempotencyKey, rootPassword, keyLines(sshKeys), keyIds, userData, null);
        Draft draft = new Draft(sshKeys, userData, keyIds);
        if (unknownKey) {
            // Only a hand-made form sends something else than the ids the page listed.
            return Response.status(422).entity(form(request, draft, new FieldErrors().add("sshKeys",
                    "Tick SSH keys from the account's saved keys."))).build();
        }
        PlaceServer.Result placed;
        try {
            placed = placeServer.place(new PlaceServer.Command(caller.actor(), caller.scope(), request));
        } catch (InvalidInput e) {
            if (!e.errors().has("idempotencyKey")) {
                return Response.status(422).entity(form(request, draft, e.errors())).build();
            }
            // The form was sent before with other choices and made a server then; a fresh key orders another.
            FieldErrors errors = new FieldErrors().add("form", SENT_BEFORE);
            e.errors().asMap().forEach((field, message) -> {
                if (!field.equals("idempotencyKey")) {
                    errors.add(field, message);
                }
            });
            return Response.status(422).entity(form(request.withKey(UUID.randomUUID().toString()), draft, errors))
                    .build();
        }
        // To the new server's page, which follows it being created until it runs.
        return Response.seeOther(URI.create(Links.server(placed.serverId()))).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public TemplateInstance show(@RestPath UUID id, @RestQuery String range, @RestHeader("HX-Request") boolean htmx,
            @RestHeader("HX-Target") String target) {
        if (htmx && "usage".equals(target)) {
            UsageHistory.Range r = UsageHistory.Range.parse(range);
            UsageSamples.Window window = usage.window(r);
            ServerDetails.Usage used = details.usage(caller.scope(), id, window);
            return Templates.show$usage(card(used.server(), List.of(), List.of(),
                    UsageHistory.charts(used.server().vcpus(), window, used.buckets()), r, new FieldErrors(), null));
        }
        return page(id, htmx, new FieldErrors(), UsageHistory.Range.parse(range), null);
    }

    /**
     * The end of the server's serial console, read from its node now: the console card for htmx (the page loads
     * it after itself, and Refresh reloads it), the whole page with it for a browser without JavaScript. Reading
     * changes nothing, so read-only members may.
     */
    @GET
    @Path("{id}/console")
    public TemplateInstance console(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        // Read from the node outside any transaction, so a slow node holds no database connection.
        ServerConsole console = servers.console(caller.scope(), id, ServerConsole.TAIL_BYTES);
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            if (htmx) {
                ServerDetails.ServerDetail server = details.get(caller.scope(), id);
                return Templates.show$console(card(server, List.of(), List.of(), List.of(), UsageHistory.Range.DAY,
                        new FieldErrors(), console));
            }
            return page(id, false, new FieldErrors(), UsageHistory.Range.DAY, console);
        });
    }

    @POST
    @Path("{id}/reboot")
    public Response reboot(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx, @RestForm String back) {
        return power(id, htmx, OrderService.Power.REBOOT, back);
    }

    @POST
    @Path("{id}/start")
    public Response start(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx, @RestForm String back) {
        return power(id, htmx, OrderService.Power.START, back);
    }

    @POST
    @Path("{id}/stop")
    public Response stop(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx, @RestForm String back) {
        return power(id, htmx, OrderService.Power.STOP, back);
    }

    @POST
    @Path("{id}/power-off")
    public Response powerOff(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        return power(id, htmx, OrderService.Power.POWER_OFF, null);
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

    @POST
    @Path("{id}/rename")
    public Response rename(@RestPath UUID id, @RestForm String hostname) {
        return change(id, () -> settings.rename(caller.actor(), caller.scope(), id, hostname));
    }

    @POST
    @Path("{id}/reverse-dns")
    public Response reverseDns(@RestPath UUID id, @RestForm String address, @RestForm String ptr) {
        return change(id, () -> settings.setReverseDns(caller.actor(), caller.scope(), id, address, ptr));
    }

    /** A new root password, set by cloud-init at the next boot; a running server is rebooted for it. */
    @POST
    @Path("{id}/root-password")
    public Response rootPassword(@RestPath UUID id, @RestForm String rootPassword) {
        return change(id, () -> serverAccess.resetRootPassword(caller.actor(), caller.scope(), id, rootPassword));
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
    /**
     * A power action from the server page, or from a row of the server list ({@code back=list}), which the browser
     * then shows again. A refused action shows the server page with the reason, wherever it was asked from.
     */
    private Response power(UUID id, boolean htmx, OrderService.Power action, String back) {
        try {
            orders.power(caller.actor(), caller.scope(), id, action);
        } catch (InvalidInput e) {
            return Response.status(htmx ? 200 : 409).entity(page(id, htmx, e.errors())).build();
        }
        if (htmx) {
            return Response.ok(page(id, true, new FieldErrors())).build();
        }
        return Response.seeOther(URI.create("list".equals(back) ? Links.SERVERS : Links.server(id))).build();
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@RestPath UUID id, @RestHeader("HX-Request") boolean htmx) {
        orders.delete(caller.actor(), caller.scope(), id);
        return htmx ? Response.ok().header("HX-Redirect", Links.SERVERS).build()
                : Response.seeOther(URI.create(Links.SERVERS)).build();
    }

    TemplateInstance page(UUID id, boolean fragment, FieldErrors errors) {
        return page(id, fragment, errors, UsageHistory.Range.DAY, null);
    }

    private TemplateInstance page(UUID id, boolean fragment, FieldErrors errors, UsageHistory.Range range,
            ServerConsole console) {
        if (fragment) {
            ServerDetails.Status status = details.status(caller.scope(), id, JOBS);
            return Templates.show$status(card(status.server(), status.addresses(),
                    status.jobs().stream().map(ServerView.JobLine::of).toList(), List.of(), range, errors, null));
        }
        UsageSamples.Window window = usage.window(range);
        ServerDetails.Page page = details.page(caller.scope(), id, JOBS, window);
        ServerDetails.ServerDetail server = page.server();
        ServerActions.Decisions actions = decide(server);
        List<ServerView.SnapshotLine> snapshots = page.snapshots().stream()
                .map(s -> ServerView.SnapshotLine.of(s, actions)).toList();
        return Templates.show(new ServerView(server, server.status(), actions, page.addresses(), page.reverseDns(),
                page.jobs().stream().map(ServerView.JobLine::of).toList(), snapshots, page.plans(), page.templates(),
                UsageHistory.charts(server.vcpus(), window, page.usage()), range, errors, console,
                terminalRefusal(server), rescue.view(caller.scope(), caller.role(), id)));
    }

    /** The status card, usage or console alone: the server's facts and decisions, no lists of choices. */
    private ServerView card(ServerDetails.ServerDetail server, List<Address> addresses,
            List<ServerView.JobLine> jobs, List<UsageChart> charts, UsageHistory.Range range, FieldErrors errors,
            ServerConsole console) {
        return new ServerView(server, server.status(), decide(server), addresses, Map.of(), jobs, List.of(),
                List.of(), List.of(), charts, range, errors, console, terminalRefusal(server),
                rescue.view(caller.scope(), caller.role(), server.id()));
    }

    /** Why the caller gets no interactive console: the rule the ticket endpoint refuses by. */
    private String terminalRefusal(ServerDetails.ServerDetail server) {
        return ConsoleRules.refusal(false, caller.role(), server.standing()).orElse("");
    }

    /**
     * A one-time ticket for the server's interactive console and the socket's path, for the page's terminal
     * (console.js). Read-only members and suspended accounts are refused (403) with the reason.
     */
    @POST
    @Path("{id}/console/ticket")
    @Produces(MediaType.APPLICATION_JSON)
    public TerminalTicket consoleTicket(@RestPath UUID id) {
        ConsoleTickets.Ticket ticket = consoleTickets.issue(caller.actor(), caller.scope(), caller.role(), id);
        return new TerminalTicket(ticket.ticket(), Links.consoleSocket(id));
    }

    /** What the page's terminal needs: the ticket and the socket's path on this panel. */
    public record TerminalTicket(String ticket, String path) {
    }

    /** What the caller may do to the server now: the rule its action endpoints refuse by. */
    private ServerActions.Decisions decide(ServerDetails.ServerDetail server) {
        ServerActions.Decisions decisions = ServerActions.decide(server.status(), caller.role(), server.standing());
        return rescue.view(caller.scope(), caller.role(), server.id()).active()
                ? io.innkeeper.orders.rescue.RescueRules.held(decisions) : decisions;
    }

    /** The order form offers only the plans that still fit the tenant's quota, and says what is left. */
    private TemplateInstance form(OrderRequest request, Draft draft, FieldErrors errors) {
        Usage left = quotas.remaining(caller.scope().tenantId());
        return Templates.form(offer.choices(left, caller.canChange()), request, draft, quoteOf(request), errors,
                sshKeyList.list(Scope.of(caller.scope().tenantId())));
    }

    /** The dry run of the order once a plan is chosen; null before, when there is no price to show. */
    private OrderQuote quoteOf(OrderRequest request) {
        if (request.plan() == null || request.plan().isBlank()) {
            return null;
        }
        // Price and fit do not depend on the name: before one is typed, quote with a placeholder that is free.
        OrderRequest named = request.hostname() == null || request.hostname().isBlank()
                ? request.withHostname("quote-" + UUID.randomUUID().toString().substring(0, 8) + ".invalid")
                : request;
        return placeServer.quote(new PlaceServer.Command(caller.actor(), caller.scope(), named.withKey(null)));
    }

    /** The SSH keys of the form's text area, one a line. */
    private static List<String> keyLines(String text) {
        return text == null ? List.of() : java.util.Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(k -> !k.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
