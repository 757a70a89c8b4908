package io.innkeeper.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import io.innkeeper.orders.backup.ServerBackups;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Scope;

/**
 * A server's backups: full copies of its disk kept off its node, in its region's backup storage. Taking one answers
 * 202 with the job; so does restoring one in place (the disk is replaced; addresses and settings stay). Events
 * {@code backup.completed} and {@code backup.failed} tell when a backup ends.
 */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/servers/{id}/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Servers", description = ServersResource.TAG)
public class BackupsResource {

    @Inject
    Caller caller;

    @Inject
    ServerBackups backups;

    @Inject
    ApiQueries queries;

    @Inject
    ApiJson json;

    @Inject
    Idempotency idempotency;

    /**
     * One backup. {@code state} is CREATING, then READY; {@code consistency} is CRASH (taken while the server ran,
     * as a power cut would leave the disk), CLEAN (taken stopped) or NO_DATA (the host keeps no disk data).
     */
    public record BackupView(UUID id, String state, String trigger, Instant createdAt,
            @Schema(nullable = true) Instant finishedAt, long sizeBytes, @Schema(nullable = true) String sha256,
            @Schema(nullable = true) String consistency) {
        static BackupView of(ServerBackups.Backup b) {
            return new BackupView(b.id(), b.state(), b.trigger(), b.createdAt(), b.finishedAt(), b.sizeBytes(),
                    b.sha256(), b.consistency());
        }
    }

    /**
     * Automatic backups: {@code every} is OFF, DAILY or WEEKLY, starting in the hour {@code hourUtc} (UTC);
     * {@code missed} says why the last one due could not be taken (the server busy or in rescue), until one is.
     */
    public record ScheduleView(String every, int hourUtc, @Schema(nullable = true) Instant lastTakenAt,
            @Schema(nullable = true) Instant missedAt, @Schema(nullable = true) String missed) {
        static ScheduleView of(ServerBackups.Schedule s) {
            return new ScheduleView(s.every(), s.hourUtc(), s.lastTakenAt(), s.missedAt(), s.missed());
        }
    }

    /** A backup being taken: the server, the job that takes it, and the backup. */
    public record BackupAccepted(ApiViews.ServerView server, ApiViews.JobView job, BackupView backup) {
    }

    @GET
    @Operation(operationId = "listBackups", summary = "The server's backups, newest first")
    public List<BackupView> list(@PathParam("id") String rawId) {
        return backups.list(caller.scope(), ServersResource.serverId(rawId)).stream().map(BackupView::of).toList();
    }

    @GET
    @Path("/schedule")
    @Operation(operationId = "getBackupSchedule", summary = "The server's automatic backups")
    public ScheduleView schedule(@PathParam("id") String rawId) {
        return ScheduleView.of(backups.schedule(caller.scope(), ServersResource.serverId(rawId)));
    }

    @jakarta.ws.rs.PUT
    @Path("/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setBackupSchedule", summary = "Back the server up automatically, every day or week "
            + "from the hour given (UTC), or not (OFF); the server keeps its newest backups as for manual ones")
    public ScheduleView setSchedule(@PathParam("id") String rawId,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.BackupSchedule.class))) byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        queries.server(caller.scope(), id);
        ApiRequests.BackupSchedule r = json.read(body, ApiRequests.BackupSchedule.class, false);
        return ScheduleView.of(backups.setSchedule(caller.actor(), caller.scope(), id, r.every(), r.hourUtc()));
    }

    @GET
    @Path("/{backupId}")
    @Operation(operationId = "getBackup", summary = "One backup of the server")
    public BackupView get(@PathParam("id") String rawId, @PathParam("backupId") String rawBackupId) {
        return BackupView.of(backups.get(caller.scope(), ServersResource.serverId(rawId), backupId(rawBackupId)));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "createBackup", summary = "Back the server up now, without stopping it; answers 202 with "
            + "the job and the backup. The oldest backup beyond the server's allowance is removed once this one is "
            + "finished")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BackupAccepted.class)))
    public Response create(@PathParam("id") String rawId, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class)))
            byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        json.read(body, ServersResource.Empty.class, true);
        Scope scope = caller.scope();
        queries.server(scope, id);
        return idempotency.run(scope.tenantId(), key, "backup " + id, body, () -> {
            ServerBackups.Backup taken = backups.take(caller.actor(), scope, id);
            return Response.status(202).entity(new BackupAccepted(queries.server(scope, id), queries.latestJob(id),
                    BackupView.of(taken))).build();
        });
    }

    @POST
    @Path("/{backupId}/restore")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "restoreBackup", summary = "Replace the server's disk with this backup; what the disk "
            + "holds now is lost. The server is powered off, restored, and started again if it was running; answers "
            + "202 with the job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response restore(@PathParam("id") String rawId, @PathParam("backupId") String rawBackupId,
            @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class)))
            byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        UUID backupId = backupId(rawBackupId);
        json.read(body, ServersResource.Empty.class, true);
        Scope scope = caller.scope();
        backups.get(scope, id, backupId);
        return idempotency.run(scope.tenantId(), key, "restore " + backupId, body, () -> {
            backups.restore(caller.actor(), scope, id, backupId);
            return Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, id),
                    queries.latestJob(id))).build();
        });
    }

    @POST
    @Path("/{backupId}/restore-to-new")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreBackupToNewServer", summary = "Order a new server whose disk is this backup, "
            + "with the backed-up server's plan, template and region, on any node of the region with room; a normal "
            + "order (quota, price, idempotency key). Answers 202 with the new server and its job")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.Accepted.class)))
    public Response restoreToNew(@PathParam("id") String rawId, @PathParam("backupId") String rawBackupId,
            @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.RestoreToNew.class))) byte[] body) {
        UUID id = ServersResource.serverId(rawId);
        UUID backupId = backupId(rawBackupId);
        Scope scope = caller.scope();
        backups.get(scope, id, backupId);
        ApiRequests.RestoreToNew r = json.read(body, ApiRequests.RestoreToNew.class, false);
        UUID made = backups.restoreToNew(caller.actor(), scope, id, backupId, r.hostname(), key);
        return Response.status(202).entity(new ApiViews.Accepted(queries.server(scope, made),
                queries.latestJob(made))).build();
    }

    @DELETE
    @Path("/{backupId}")
    @Operation(operationId = "deleteBackup", summary = "Delete a finished backup; its copy is removed from the backup "
            + "storage shortly after")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String rawId, @PathParam("backupId") String rawBackupId) {
        backups.delete(caller.actor(), caller.scope(), ServersResource.serverId(rawId), backupId(rawBackupId));
        return Response.noContent().build();
    }

    static UUID backupId(String raw) {
        return Cursors.pathId(raw, "backup");
    }
}
