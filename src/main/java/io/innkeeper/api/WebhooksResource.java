package io.innkeeper.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.innkeeper.account.TokenResource;
import io.innkeeper.account.Webhooks;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.tenancy.Caller;

/** Webhook endpoints, the account's events (the outbox), their deliveries and replays. */
@ScopedTo(TokenResource.ACCOUNTS)
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed event deliveries to the account's endpoints, the event log and replays.")
public class WebhooksResource {

    @Inject
    Caller caller;

    @Inject
    Webhooks webhooks;

    @Inject
    ApiJson json;

    @Inject
    Idempotency idempotency;

    @Inject
    ObjectMapper mapper;

    /**
     * An endpoint: {@code events} the types it takes (null: every event), {@code previousSecretUntil} when the secret
     * before the last rotation stops signing beside the new one (null: it signs no more).
     */
    public record EndpointView(UUID id, String url, @Schema(nullable = true) List<String> events, Instant createdAt,
            @Schema(nullable = true) Instant previousSecretUntil) {
        static EndpointView of(Webhooks.Endpoint e) {
            return new EndpointView(e.id(), e.url(), e.events(), e.createdAt(), e.previousSecretUntil());
        }
    }

    /** A new secret, shown this once. */
    public record RotatedSecret(EndpointView webhook, String secret,
            @Schema(nullable = true) Instant previousSecretUntil) {
    }

    /** A ping on its way: follow it with {@code GET /events/{event}/deliveries}. */
    public record Pinged(UUID event) {
    }

    /** One event's delivery to the endpoint. */
    public record LogView(UUID event, long seq, String type, Instant createdAt, String state, int attempts,
            @Schema(nullable = true) Integer lastStatus, @Schema(nullable = true) String lastError,
            @Schema(nullable = true) Instant nextAttempt, @Schema(nullable = true) Instant deliveredAt) {
        static LogView of(Webhooks.LogEntry e) {
            return new LogView(e.eventId(), e.seq(), e.type(), e.createdAt(), e.state().name(), e.attempts(),
                    e.lastStatus(), e.lastError(), e.nextAttempt(), e.deliveredAt());
        }
    }

    /** A new endpoint with its signing secret, shown this once. */
    public record Registered(EndpointView webhook, String secret) {
    }

    public record EventView(UUID id, long seq, String type, @Schema(nullable = true) String subject, @Schema(nullable = true) UUID account,
            Instant createdAt, JsonNode data) {
    }

    public record DeliveryView(UUID endpoint, String state, int attempts, @Schema(nullable = true) Integer lastStatus,
            @Schema(nullable = true) String lastError, @Schema(nullable = true) Instant nextAttempt, @Schema(nullable = true) Instant deliveredAt) {
        static DeliveryView of(Webhooks.Delivery d) {
            return new DeliveryView(d.endpointId(), d.state().name(), d.attempts(), d.lastStatus(), d.lastError(),
                    d.nextAttempt(), d.deliveredAt());
        }
    }

    public record Replayed(int queued) {
    }

    @GET
    @Path("/webhooks")
    @Operation(operationId = "listWebhooks", summary = "The account's webhook endpoints")
    public List<EndpointView> list() {
        return webhooks.list(caller.scopeTenant()).stream().map(EndpointView::of).toList();
    }

    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Register an endpoint; its secret is in this answer only")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhooksResource.Registered.class)))
    public Response register(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewWebhook.class))) byte[] body) {
        UUID tenant = caller.scopeTenant();
        ApiRequests.NewWebhook request = json.read(body, ApiRequests.NewWebhook.class, false);
        return idempotency.run(tenant, key, "POST /webhooks", body, () -> {
            Webhooks.Registered made = webhooks.register(caller.actor(), tenant, request.url(), request.events());
            return Response.status(201).entity(new Registered(EndpointView.of(made.endpoint()), made.secret()))
                    .build();
        });
    }

    @GET
    @Path("/webhooks/{id}")
    @Operation(operationId = "getWebhook", summary = "One webhook endpoint")
    public EndpointView get(@PathParam("id") String id) {
        return EndpointView.of(webhooks.get(caller.scopeTenant(), uuid(id)));
    }

    @PATCH
    @Path("/webhooks/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhook", summary = "Choose the event types the endpoint takes (null: every "
            + "event; an entry is a type such as server.created or a group such as server.*)")
    public EndpointView update(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.WebhookEvents.class))) byte[] body) {
        UUID endpoint = uuid(id);
        ApiRequests.WebhookEvents request = json.read(body, ApiRequests.WebhookEvents.class, false);
        return EndpointView.of(webhooks.choose(caller.actor(), caller.scopeTenant(), endpoint, request.events()));
    }

    @POST
    @Path("/webhooks/{id}/ping")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "pingWebhook", summary = "Send the endpoint a signed ping event, whatever its filter")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhooksResource.Pinged.class)))
    public Response ping(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key, byte[] body) {
        UUID endpoint = uuid(id);
        json.read(body, ServersResource.Empty.class, true);
        UUID tenant = caller.scopeTenant();
        return idempotency.run(tenant, key, "POST /webhooks/" + endpoint + "/ping", body, () -> Response.status(202)
                .entity(new Pinged(webhooks.ping(caller.actor(), tenant, endpoint))).build());
    }

    @POST
    @Path("/webhooks/{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "rotateWebhookSecret", summary = "Give the endpoint a new secret (in this answer only); "
            + "the old one keeps signing beside it for graceSeconds (default 86400, at most 604800)")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhooksResource.RotatedSecret.class)))
    public Response rotate(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.RotateSecret.class))) byte[] body) {
        UUID endpoint = uuid(id);
        ApiRequests.RotateSecret request = json.read(body, ApiRequests.RotateSecret.class, true);
        UUID tenant = caller.scopeTenant();
        return idempotency.run(tenant, key, "POST /webhooks/" + endpoint + "/rotate-secret", body, () -> {
            Webhooks.Rotated rotated = webhooks.rotate(caller.actor(), tenant, endpoint,
                    request.graceSeconds() == null ? null : java.time.Duration.ofSeconds(request.graceSeconds()));
            return Response.ok(new RotatedSecret(EndpointView.of(rotated.endpoint()), rotated.secret(),
                    rotated.previousSecretUntil())).build();
        });
    }

    @GET
    @Path("/webhooks/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's deliveries, newest event first; "
            + "the next page is before the cursor")
    public ApiViews.Page<LogView> log(@PathParam("id") String id, @QueryParam("before") String before,
            @QueryParam("limit") String limit) {
        UUID endpoint = uuid(id);
        Long from;
        try {
            from = before == null || before.isBlank() ? null : Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("before", "Expected a sequence number (a whole number).");
        }
        int size = Cursors.limit(limit);
        List<Webhooks.LogEntry> found = webhooks.log(caller.scopeTenant(), endpoint, from, size);
        return new ApiViews.Page<>(found.stream().map(LogView::of).toList(),
                found.size() < size ? null : String.valueOf(found.get(found.size() - 1).seq()));
    }

    @DELETE
    @Path("/webhooks/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Remove an endpoint; nothing more is sent to it")
    @APIResponse(responseCode = "204", description = "Done")
    public Response remove(@PathParam("id") String id) {
        webhooks.remove(caller.actor(), caller.scopeTenant(), uuid(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/events")
    @Operation(operationId = "listEvents", summary = "The account's events, oldest first, after a sequence number")
    public ApiViews.Page<EventView> events(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long from;
        try {
            from = after == null || after.isBlank() ? 0 : Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("after", "Expected a sequence number (a whole number).");
        }
        int size = Cursors.limit(limit);
        List<Webhooks.Event> found = webhooks.events(caller.scope(), from, size);
        List<EventView> items = found.stream().map(this::view).toList();
        return new ApiViews.Page<>(items, found.size() < size ? null : String.valueOf(found.get(size - 1).seq()));
    }

    @GET
    @Path("/events/{id}/deliveries")
    @Operation(operationId = "listDeliveries", summary = "How an event's deliveries went")
    public List<DeliveryView> deliveries(@PathParam("id") String id) {
        return webhooks.deliveries(caller.scope(), uuid(id)).stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/events/{id}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "replayEvent", summary = "Send an event again to every endpoint of the account")
    @APIResponse(responseCode = "202", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhooksResource.Replayed.class)))
    public Response replay(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class))) byte[] body) {
        UUID event = uuid(id);
        json.read(body, ServersResource.Empty.class, true);
        UUID tenant = caller.scopeTenant();
        return idempotency.run(tenant, key, "POST /events/" + event + "/replay", body, () -> Response.status(202)
                .entity(new Replayed(webhooks.replay(tenant, caller.scope(), event))).build());
    }

    private EventView view(Webhooks.Event e) {
        try {
            return new EventView(e.id(), e.seq(), e.type(), e.subject(), e.tenantId(), e.createdAt(),
                    mapper.readTree(e.data()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("outbox data is JSON", ex);
        }
    }

    private static UUID uuid(String raw) {
        return Cursors.pathId(raw, "object");
    }
}
