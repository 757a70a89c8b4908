package io.innkeeper.api;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.orders.OrderQuote;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.PlaceServer;
import io.innkeeper.orders.ServerConsole;
import io.innkeeper.orders.ServerQueries;
import io.innkeeper.orders.ServerSettings;
import io.innkeeper.provisioning.driver.ConsoleOutput;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Scope;

/** Servers: list, read, order (with a dry run), and the actions that queue jobs (answered 202 with the job). */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers", description = ServersResource.TAG)
public class ServersResource {

    @Inject
    Caller caller;

    @Inject
    ServerSettings settings;

    @Inject
    ApiQueries queries;

    @Inject
    ApiJson json;

    @Inject
    OrderService orders;

    @Inject
    Idempotency idempotency;

    @Inject
    PlaceServer placeServer;

    @Inject
    io.innkeeper.orders.ServerAccess access;

    @Inject
    java.time.Clock clock;

    @Inject
    ServerQueries servers;

    @Inject
    ApiResponses responses;

    @Inject
    ServerList serverList;

    @Inject
    io.innkeeper.orders.console.ConsoleTickets consoleTickets;

    @Inject
    io.innkeeper.orders.console.ConsoleScreens screens;

    /** What the Servers tag, which three resources share, holds. */
    static final String TAG = "Order servers, control their power, console, addresses, snapshots, rescue mode and "
            + "CD-ROM.";

    /** The node had the console read's time bound (5 s by default) to answer; one more such wait is fair. */
    static final int CONSOLE_RETRY_AFTER_SECONDS = 5;

    @GET
    @Operation(operationId = "listServers", summary = "List servers, newest first, a page at a time",
            description = "Each page carries an ETag; send it back in If-None-Match to get 304 while the page is "
                    + "unchanged.")
    @APIResponse(responseCode = "200", description = "A page of servers", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.ServerPage.class)))
    @APIResponse(responseCode = "304", description = "The page is what the ETag in If-None-Match names")
    public java.util.concurrent.CompletionStage<Response> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @Parameter(description = "A state to narrow to; DELETED lists the deleted servers instead, each with its "
                    + "deletedAt, for reconciliation") @QueryParam("status") String status,
            @QueryParam("region") String region,
            @Parameter(description = "Part of the hostname or of an IP address; a page searched is read anew each "
                    + "time and has no ETag") @QueryParam("hostname") String hostname,
            @QueryParam("externalRef") String externalRef, @QueryParam("account") String account,
            @Parameter(description = "An ETag of this page read before") @HeaderParam("If-None-Match")
            String ifNoneMatch) {
        // On the I/O thread: the filters are checked before the statement runs, and the page is one write.
        ServerList.Query query = ServerList.query(status, region, hostname, externalRef,
                Cursors.uuid("account", account), cursor, Cursors.limit(limit));
        return serverList.scopeTenant(caller).compose(tenant -> serverList.page(tenant, query, ifNoneMatch))
                .map(page -> (page.body() == null ? Response.notModified()
                        : Response.ok(page.body(), MediaType.APPLICATION_JSON_TYPE))
                        // Private: a page is the caller's. No-cache: a client may keep it, and asks before using it.
                        .header("ETag", page.etag()).header("Cache-Control", "private, no-cache").build())
                .toCompletionStage();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getServer", summary = "One server, with its addresses")
    public ApiViews.ServerView get(@PathParam("id") String id) {
        return queries.server(caller.scope(), serverId(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createServer", summary = "Order a server; answers 202 with the server and its create job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.CreateServer.class))) byte[] body) {
        ApiRequests.CreateServer order = json.read(body, ApiRequests.CreateServer.class, false);
        Scope scope = orderScope(order.account());
        PlaceServer.Result placed;
        try {
            placed = placeServer.place(new PlaceServer.Command(caller.actor(), scope, request(order, key)));
        } catch (PlaceServer.Taken e) {
            return responses.problem(422, "Already in use", "Part of this order is another order's already.",
                    withKeyHeader(e.errors().asMap()));
        } catch (io.innkeeper.kernel.InvalidInput e) {
            throw withKeyHeader(e);
        }
        UUID id = placed.serverId();
        Response.ResponseBuilder answer = Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, id),
                queries.latestJob(id))).header("Location", "/api/v1/servers/" + id);
        return (placed.replayed() ? answer.header("Idempotent-Replayed", "true") : answer).build();
    }

    @POST
    @Path("/dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "dryRunServer", summary = "Would this order fit now, and at what price? Reserves nothing")
    public ApiViews.QuoteView dryRun(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.CreateServer.class))) byte[] body) {
        ApiRequests.CreateServer order = json.read(body, ApiRequests.CreateServer.class, false);
        OrderQuote quote = placeServer.quote(new PlaceServer.Command(caller.actor(), orderScope(order.account()),
                request(order, key)));
        return new ApiViews.QuoteView(quote.fits(), quote.node(), withKeyHeader(quote.refusals()), ApiViews.Price.of(
                quote.hourly()), ApiViews.Price.of(quote.monthly()));
    }

    @POST
    @Path("/{id}/actions/{action}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "serverAction",
            summary = "start, stop, reboot, power-off, reinstall, resize, rename or reset-password")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response action(@PathParam("id") String rawId, @PathParam("action") @Parameter(schema = @Schema(
            enumeration = { "start", "stop", "reboot", "power-off", "reinstall", "resize", "rename",
                    "reset-password" })) String action,
            @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.ServerAction.class))) byte[] body) {
        UUID id = serverId(rawId);
        Scope scope = caller.scope();
        Runnable run = switch (action) {
            case "start" -> power(scope, id, OrderService.Power.START, body);
            case "stop" -> power(scope, id, OrderService.Power.STOP, body);
            case "reboot" -> power(scope, id, OrderService.Power.REBOOT, body);
            case "power-off" -> power(scope, id, OrderService.Power.POWER_OFF, body);
            case "reinstall" -> {
                ApiRequests.Reinstall r = json.read(body, ApiRequests.Reinstall.class, true);
                yield () -> orders.reinstall(caller.actor(), scope, id, r.template());
            }
            case "resize" -> {
                ApiRequests.Resize r = json.read(body, ApiRequests.Resize.class, false);
                yield () -> orders.resize(caller.actor(), scope, id, r.plan());
            }
            case "reset-password" -> {
                ApiRequests.ResetPassword r = json.read(body, ApiRequests.ResetPassword.class, false);
                yield () -> {
                    try {
                        access.resetRootPassword(caller.actor(), scope, id, r.password());
                    } catch (io.innkeeper.kernel.InvalidInput refused) {
                        throw ApiRequests.ResetPassword.inApiNames(refused);
                    }
                };
            }
            case "rename" -> {
                ApiRequests.Rename r = json.read(body, ApiRequests.Rename.class, false);
                yield () -> settings.rename(caller.actor(), scope, id, r.hostname());
            }
            default -> throw new NotFound("action");
        };
        queries.server(scope, id);
        return idempotency.run(scope.tenantId(), key, "POST /servers/" + id + "/actions/" + action, body, () -> {
            run.run();
            if (action.equals("rename") || (action.equals("reset-password")
                    && queries.server(scope, id).status().equals("STOPPED"))) {
                return Response.ok(queries.server(scope, id)).build();
            }
            return Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, id),
                    queries.latestJob(id))).build();
        });
    }

    @GET
    @Path("/{id}/usage")
    @Operation(operationId = "getServerUsage", summary = "CPU, traffic and disk I/O used in a window (default 30 days)")
    public ApiQueries.UsageView usage(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        java.time.Instant end = instant("to", to, clock.instant());
        java.time.Instant start = instant("from", from, end.minus(java.time.Duration.ofDays(30)));
        if (!start.isBefore(end)) {
            throw io.innkeeper.kernel.InvalidInput.of("from", "The window must start before it ends.");
        }
        return queries.usage(caller.scope(), serverId(id), start, end);
    }

    static java.time.Instant instant(String field, String raw, java.time.Instant otherwise) {
        if (raw == null || raw.isBlank()) {
            return otherwise;
        }
        try {
            return java.time.Instant.parse(raw.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw io.innkeeper.kernel.InvalidInput.of(field, "Expected a time such as 2026-01-31T12:00:00Z.");
        }
    }

    @GET
    @Path("/{id}/console")
    @Operation(operationId = "getServerConsole", summary = "The end of the server's serial console log (default "
            + "16384 bytes, at most 1048576), read from its node now, terminal escapes and control characters removed")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.ConsoleView.class)))
    public Response console(@PathParam("id") String id, @QueryParam("bytes") String bytes) {
        int max = consoleBytes(bytes);
        ServerConsole console = servers.console(caller.scope(), serverId(id), max);
        return switch (console.state()) {
            case SHOWN, EMPTY, NOT_ON_NODE -> Response.ok(ApiViews.ConsoleView.of(console)).build();
            case UNSUPPORTED -> responses.problem(409, "No console log",
                    "This server's node keeps no console log the panel can read (containers keep none).", Map.of());
            case UNREACHABLE -> Response.fromResponse(responses.problem(503, "Node did not answer",
                    "The server's node did not send its console log in time; try again in a few seconds.",
                    Map.of())).header("Retry-After", String.valueOf(CONSOLE_RETRY_AFTER_SECONDS)).build();
        };
    }

    @POST
    @Path("/{id}/console")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "openServerConsole", summary = "A one-time ticket for the server's interactive "
            + "console and the WebSocket to use it on: send {\"ticket\": ...} as the first message. type=serial (the "
            + "default): keyboard input as binary messages, output comes back as binary messages. type=vnc (VMs "
            + "only): after {\"state\":\"open\"} the binary messages both ways are the screen's VNC (RFB) stream, "
            + "for noVNC. The ticket is for the caller only, for this server and type only, once, within 30 seconds. "
            + "Read-only members and suspended accounts get none")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.ConsoleTicketView.class)))
    @APIResponse(responseCode = "409", description = "type=vnc for a container: containers have no screen")
    public Response openConsole(@PathParam("id") String rawId,
            @Parameter(description = "serial (the default) or vnc") @QueryParam("type") String type,
            @Context UriInfo uri) {
        UUID id = serverId(rawId);
        io.innkeeper.orders.console.ConsoleKind kind = io.innkeeper.orders.console.ConsoleKind.parse(type)
                .orElseThrow(() -> io.innkeeper.kernel.InvalidInput.of("type", "type is serial or vnc."));
        io.innkeeper.orders.console.ConsoleTickets.Ticket ticket;
        try {
            ticket = caller.isAdmin() && !caller.hasTenant()
                    ? consoleTickets.issueAsAdmin(caller.actor(), id, kind)
                    : consoleTickets.issue(caller.actor(), caller.scope(), role(), id, kind);
        } catch (io.innkeeper.orders.console.ConsoleTickets.NoSuchConsole e) {
            return responses.problem(409, "No graphical console", e.getMessage(), Map.of("type", e.getMessage()));
        }
        return Response.status(201).entity(ApiViews.ConsoleTicketView.of(ticket, uri.getBaseUri())).build();
    }

    private io.innkeeper.tenancy.MemberRole role() {
        return caller.isReadOnlyMember() ? io.innkeeper.tenancy.MemberRole.READ_ONLY : caller.role();
    }

    @GET
    @Path("/{id}/console/screenshot")
    // JSON too: a client that asks for JSON gets the problem when there is no screenshot (and the PNG when there is).
    @Produces({"image/png", MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(operationId = "getServerScreenshot", summary = "A PNG of the VM's screen now, taken by its node "
            + "through libvirt: what the graphical console shows, without a VNC connection. Same rights as the "
            + "console (read-only members and suspended accounts get none); containers have no screen (409)")
    @APIResponse(responseCode = "200", description = "The screen", content = @Content(mediaType = "image/png",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                    format = "binary"), examples = @org.eclipse.microprofile.openapi.annotations.media.ExampleObject(
                            name = "screen", summary = "The PNG's bytes, for example 720x400 for a text screen",
                            value = "(binary PNG)")))
    @APIResponse(responseCode = "409", description = "The server has no screen now: a container, a VM that is not "
            + "running, or a node that takes no screenshots")
    @APIResponse(responseCode = "503", description = "The server's node did not answer in time; see Retry-After")
    public Response screenshot(@PathParam("id") String rawId) {
        UUID id = serverId(rawId);
        io.innkeeper.orders.console.ConsoleScreens.Shot shot = caller.isAdmin() && !caller.hasTenant()
                ? screens.takeAsAdmin(caller.actor(), id)
                : screens.take(caller.actor(), caller.scope(), role(), id);
        if (shot.taken()) {
            return Response.ok(shot.png(), "image/png").header("Cache-Control", "private, no-store").build();
        }
        Response problem = responses.problem(shot.status(), shot.status() == 503 ? "Node did not answer"
                : "No screenshot", shot.reason(), Map.of());
        return shot.status() == 503 ? Response.fromResponse(problem)
                .header("Retry-After", String.valueOf(CONSOLE_RETRY_AFTER_SECONDS)).build() : problem;
    }

    /** The log's last bytes asked for: 1 to 1 MiB, the server page's 16 KiB when not given. */
    static int consoleBytes(String raw) {
        if (raw == null || raw.isBlank()) {
            return ServerConsole.TAIL_BYTES;
        }
        try {
            int bytes = Integer.parseInt(raw.strip());
            if (bytes >= 1 && bytes <= ConsoleOutput.MAX_BYTES) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw io.innkeeper.kernel.InvalidInput.of("bytes", "bytes is a whole number from 1 to "
                + ConsoleOutput.MAX_BYTES + ", how much of the log's end to send; " + ServerConsole.TAIL_BYTES
                + " when not given.");
    }

    @GET
    @Path("/{id}/addresses")
    @Operation(operationId = "listAddresses", summary = "The server's addresses with their reverse DNS (PTR) names")
    public java.util.List<ApiViews.AddressView> addresses(@PathParam("id") String id) {
        return queries.addresses(caller.scope(), serverId(id));
    }

    @PUT
    @Path("/{id}/addresses/{ip}/reverse-dns")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setReverseDns",
            summary = "Set the reverse DNS (PTR) name of one of the server's addresses")
    public ApiViews.AddressView setReverseDns(@PathParam("id") String rawId, @PathParam("ip") String ip,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.ReverseDns.class))) byte[] body) {
        UUID id = serverId(rawId);
        Scope scope = caller.scope();
        address(scope, id, ip);
        ApiRequests.ReverseDns r = json.read(body, ApiRequests.ReverseDns.class, false);
        if (r.ptr() == null || r.ptr().isBlank()) {
            throw io.innkeeper.kernel.InvalidInput.of("ptr",
                    "Send a full domain name such as mail.example.com; DELETE clears the name.");
        }
        settings.setReverseDns(caller.actor(), scope, id, ip, r.ptr());
        return address(scope, id, ip);
    }

    @DELETE
    @Path("/{id}/addresses/{ip}/reverse-dns")
    @Operation(operationId = "clearReverseDns",
            summary = "Clear the reverse DNS name of an address, so the provider's default answers again")
    public ApiViews.AddressView clearReverseDns(@PathParam("id") String rawId, @PathParam("ip") String ip) {
        UUID id = serverId(rawId);
        Scope scope = caller.scope();
        address(scope, id, ip);
        settings.setReverseDns(caller.actor(), scope, id, ip, "");
        return address(scope, id, ip);
    }

    /** The server's address, or 404 when the server is not in scope or the address is not one of its own. */
    private ApiViews.AddressView address(Scope scope, UUID id, String ip) {
        String wanted = ip == null ? "" : ip.strip();
        return queries.addresses(scope, id).stream().filter(a -> a.address().equals(wanted)).findFirst()
                .orElseThrow(() -> new NotFound("address"));
    }

    @GET
    @Path("/{id}/snapshots")
    @Operation(operationId = "listSnapshots", summary = "The server's snapshots, oldest first")
    public java.util.List<ApiViews.SnapshotView> snapshots(@PathParam("id") String id) {
        return queries.snapshots(caller.scope(), serverId(id));
    }

    @POST
    @Path("/{id}/snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSnapshot", summary = "Take a snapshot; answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response snapshot(@PathParam("id") String rawId, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewSnapshot.class))) byte[] body) {
        UUID id = serverId(rawId);
        ApiRequests.NewSnapshot r = json.read(body, ApiRequests.NewSnapshot.class, false);
        return snapshotAction(id, OrderService.SnapshotAction.CREATE, r.name(), key, body);
    }

    @POST
    @Path("/{id}/snapshots/{name}/revert")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "revertSnapshot", summary = "Revert the server to a snapshot; answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response revert(@PathParam("id") String rawId, @PathParam("name") String name,
            @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class))) byte[] body) {
        UUID id = serverId(rawId);
        json.read(body, Empty.class, true);
        return snapshotAction(id, OrderService.SnapshotAction.REVERT, name, key, body);
    }

    @DELETE
    @Path("/{id}/snapshots/{name}")
    @Operation(operationId = "deleteSnapshot", summary = "Delete a snapshot; answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response deleteSnapshot(@PathParam("id") String rawId, @PathParam("name") String name) {
        return snapshotAction(serverId(rawId), OrderService.SnapshotAction.DELETE, name, null, null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteServer", summary = "Delete the server and its data; answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response delete(@PathParam("id") String rawId) {
        UUID id = serverId(rawId);
        Scope scope = caller.scope();
        ApiViews.ServerView before = queries.server(scope, id);
        orders.delete(caller.actor(), scope, id);
        return Response.status(202).entity(new ApiViews.Accepted(before, queries.latestJob(id))).build();
    }

    /** A body with no fields, for actions that take none. */
    public record Empty() {
    }

    private Response snapshotAction(UUID id, OrderService.SnapshotAction what, String name, String key, byte[] body) {
        Scope scope = caller.scope();
        queries.server(scope, id);
        return idempotency.run(scope.tenantId(), key, "snapshot " + what + " " + id, body, () -> {
            orders.snapshot(caller.actor(), scope, id, what, name);
            return Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, id),
                    queries.latestJob(id))).build();
        });
    }

    private Runnable power(Scope scope, UUID id, OrderService.Power action, byte[] body) {
        json.read(body, Empty.class, true);
        return () -> orders.power(caller.actor(), scope, id, action);
    }

    /** The caller's scope, or a reseller's customer's when the order names one. */
    private Scope orderScope(UUID account) {
        Scope scope = caller.scope();
        if (account == null || account.equals(scope.tenantId())) {
            return Scope.of(scope.tenantId());
        }
        if (!scope.covers(account)) {
            throw new NotFound("account");
        }
        return Scope.of(account);
    }

    private static OrderRequest request(ApiRequests.CreateServer order, String key) {
        return new OrderRequest(order.hostname(), order.region(), order.plan(), order.template(),
                order.guestType(), key, order.rootPassword(), java.util.List.of(), order.sshKeys(), order.userData(),
                order.externalRef());
    }

    /** The order's key comes in the Idempotency-Key header: its problems are named so. */
    private static io.innkeeper.kernel.InvalidInput withKeyHeader(io.innkeeper.kernel.InvalidInput e) {
        if (!e.errors().has("idempotencyKey")) {
            return e;
        }
        io.innkeeper.kernel.FieldErrors renamed = new io.innkeeper.kernel.FieldErrors();
        withKeyHeader(e.errors().asMap()).forEach(renamed::add);
        return new io.innkeeper.kernel.InvalidInput(renamed);
    }

    private static Map<String, String> withKeyHeader(Map<String, String> errors) {
        Map<String, String> renamed = new java.util.LinkedHashMap<>();
        errors.forEach((field, message) -> renamed.put(field.equals("idempotencyKey") ? Idempotency.HEADER : field,
                message));
        return renamed;
    }

    static UUID serverId(String raw) {
        return Cursors.pathId(raw, "server");
    }
}
