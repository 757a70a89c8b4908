package io.innkeeper.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.orders.rescue.ServerRescue;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.MemberRole;

/**
 * Rescue mode of one server: read it, turn it on (202 with the one-time root password, never stored and never
 * replayed: the answer is not cached and the call takes no idempotency key) and turn it off.
 */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/servers/{id}/rescue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers", description = ServersResource.TAG)
public class RescueResource {

    @Inject
    Caller caller;

    @Inject
    ServerRescue rescue;

    @Inject
    ApiQueries queries;

    @Inject
    ApiResponses responses;

    /**
     * A server's rescue mode: {@code active} while it boots the rescue system ({@code system}, since {@code since});
     * {@code unavailable} says why it cannot have one (containers, a region without a rescue system).
     */
    public record RescueView(boolean active, @Schema(nullable = true) String system, @Schema(nullable = true) Instant since,
            @Schema(nullable = true) String unavailable) {
        static RescueView of(ServerRescue.View v) {
            return new RescueView(v.active(), v.system(), v.since(), v.unavailable());
        }
    }

    /** Rescue mode turned on: the server and its job, and root's one-time password, shown this once. */
    public record RescueOn(ApiViews.ServerView server, ApiViews.JobView job, RescueView rescue, String rootPassword) {
    }

    /** Rescue mode turned off: the server and the job that boots its own system. */
    public record RescueOff(ApiViews.ServerView server, ApiViews.JobView job, RescueView rescue) {
    }

    @GET
    @Operation(operationId = "getServerRescue", summary = "Whether the server is in rescue mode, and whether it can be")
    public RescueView get(@PathParam("id") String rawId) {
        return RescueView.of(rescue.view(caller.scope(), role(), ServersResource.serverId(rawId)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "enterRescue", summary = "Boot the server into its region's rescue system with its own "
            + "disk attached; answers 202 with a new root password for the rescue system, shown this once. The server "
            + "must be running; containers have none (409, use the console). Reboot, shut down and start keep it in "
            + "rescue; resize, reinstall and snapshots wait until it leaves")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RescueOn.class)))
    @APIResponse(responseCode = "409", description = "This server cannot have rescue mode (a container, or no rescue "
            + "system in its region)")
    public Response enter(@PathParam("id") String rawId) {
        UUID id = ServersResource.serverId(rawId);
        ServerRescue.Entered entered;
        try {
            entered = rescue.enter(caller.actor(), caller.scope(), role(), id);
        } catch (ServerRescue.Unavailable e) {
            return responses.problem(409, "No rescue mode", e.getMessage(), Map.of("server", e.getMessage()));
        }
        return Response.status(202).header("Cache-Control", "no-store")
                .entity(new RescueOn(queries.server(caller.scope(), id), queries.latestJob(id),
                        RescueView.of(rescue.view(caller.scope(), role(), id)), entered.rootPassword()))
                .build();
    }

    @DELETE
    @Operation(operationId = "leaveRescue", summary = "Boot the server's own system again (a server shut down in "
            + "rescue is switched back and stays off); answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RescueOff.class)))
    public Response leave(@PathParam("id") String rawId) {
        UUID id = ServersResource.serverId(rawId);
        rescue.leave(caller.actor(), caller.scope(), role(), id);
        return Response.status(202).entity(new RescueOff(queries.server(caller.scope(), id), queries.latestJob(id),
                RescueView.of(rescue.view(caller.scope(), role(), id)))).build();
    }

    private MemberRole role() {
        return caller.isReadOnlyMember() ? MemberRole.READ_ONLY : caller.role();
    }
}
