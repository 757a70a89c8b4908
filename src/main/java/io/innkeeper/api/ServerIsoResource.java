package io.innkeeper.api;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.orders.iso.ServerIso;
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.Scope;

/**
 * A server's CD-ROM: the ISO in it and the ISOs of its region, insert and eject, and the boot device for the next
 * start. Changes answer 202 with the job that makes them on the node; PUT and DELETE are idempotent by nature.
 */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/servers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers", description = ServersResource.TAG)
public class ServerIsoResource {

    @Inject
    Caller caller;

    @Inject
    ServerIso iso;

    @Inject
    ApiQueries queries;

    @Inject
    ApiJson json;

    /** An ISO of a region's library; check {@code sha256} against the ISO you expect. */
    public record IsoView(UUID id, String name, String sha256) {

        static IsoView of(IsoLibrary.IsoRow row) {
            return new IsoView(row.id(), row.name(), row.sha256());
        }
    }

    /**
     * The drive: {@code hasDrive} is false for containers; {@code iso} is null when empty; {@code changing} while a
     * job is bringing the node to it; {@code available} are the ISOs of the server's region.
     */
    public record CdromView(boolean hasDrive, @Schema(nullable = true) IsoView iso, ServerIso.BootFrom bootFrom, boolean changing,
            boolean canChange, @Schema(nullable = true) String refusal, List<IsoView> available) {

        static CdromView of(ServerIso.View view) {
            var drive = view.drive();
            return new CdromView(drive.hasDrive(), drive.inserted() ? new IsoView(drive.isoId(), drive.isoName(),
                    drive.isoSha256()) : null, view.bootFrom(), drive.changing(), view.canChange(),
                    view.refusal().orElse(null), view.available().stream().map(IsoView::of).toList());
        }
    }

    /** The ISO to insert, one of the server's region's ({@code available} in GET .../iso). */
    public record InsertIso(UUID isoId) {
    }

    /** Where the server boots from at its next start: DISK, or CDROM (then the disk), which needs an ISO in. */
    public record BootChoice(ServerIso.BootFrom bootFrom) {
    }

    @GET
    @Path("/{id}/iso")
    @Operation(operationId = "getServerIso", summary = "The server's CD-ROM drive and the ISOs it may take")
    public CdromView get(@PathParam("id") String rawId) {
        return CdromView.of(iso.view(caller.scope(), role(), ServersResource.serverId(rawId)));
    }

    @PUT
    @Path("/{id}/iso")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "insertServerIso", summary = "Insert an ISO into the server's CD-ROM drive (live "
            + "where the drive exists); answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response insert(@PathParam("id") String rawId, @RequestBody(content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = InsertIso.class))) byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        Scope scope = caller.scope();
        InsertIso r = json.read(body, InsertIso.class, false);
        iso.insert(caller.actor(), scope, role(), id, r.isoId());
        return accepted(scope, id);
    }

    @DELETE
    @Path("/{id}/iso")
    @Operation(operationId = "ejectServerIso", summary = "Eject the ISO; the next start boots from the disk; "
            + "answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response eject(@PathParam("id") String rawId) {
        UUID id = ServersResource.serverId(rawId);
        Scope scope = caller.scope();
        iso.eject(caller.actor(), scope, role(), id);
        return accepted(scope, id);
    }

    @PUT
    @Path("/{id}/boot")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setServerBoot", summary = "Boot from the CD-ROM (then the disk) or the disk at the "
            + "server's next start; answers 202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response boot(@PathParam("id") String rawId, @RequestBody(content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BootChoice.class))) byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        Scope scope = caller.scope();
        BootChoice r = json.read(body, BootChoice.class, false);
        iso.bootFrom(caller.actor(), scope, role(), id, r.bootFrom());
        return accepted(scope, id);
    }

    private Response accepted(Scope scope, UUID id) {
        return Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, id), queries.latestJob(id)))
                .build();
    }

    private MemberRole role() {
        return caller.isReadOnlyMember() ? MemberRole.READ_ONLY : caller.role();
    }
}
