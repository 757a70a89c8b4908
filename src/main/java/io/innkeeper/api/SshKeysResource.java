package io.innkeeper.api;

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

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.TokenResource;
import io.innkeeper.account.SshKeys;
import io.innkeeper.tenancy.Caller;

/** SSH public keys of the account. */
@ScopedTo(TokenResource.SERVERS)
@Path("/api/v1/ssh-keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SSH keys", description = "Public keys saved on the account, for orders to install.")
public class SshKeysResource {

    @Inject
    Caller caller;

    @Inject
    SshKeys keys;

    @Inject
    ApiJson json;

    @Inject
    Idempotency idempotency;

    @GET
    @Operation(operationId = "listSshKeys", summary = "The account's SSH keys, newest first")
    public List<ApiViews.SshKeyView> list() {
        return keys.list(caller.scope()).stream().map(ApiViews.SshKeyView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSshKey", summary = "One SSH key")
    public ApiViews.SshKeyView get(@PathParam("id") String id) {
        return ApiViews.SshKeyView.of(keys.get(caller.scope(), id(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addSshKey", summary = "Add an OpenSSH public key (ed25519, ecdsa or rsa of 2048+ bits)")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.SshKeyView.class)))
    public Response add(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewSshKey.class))) byte[] body) {
        ApiRequests.NewSshKey request = json.read(body, ApiRequests.NewSshKey.class, false);
        UUID tenant = caller.scopeTenant();
        return idempotency.run(tenant, key, "POST /ssh-keys", body, () -> Response.status(201)
                .entity(ApiViews.SshKeyView.of(keys.add(caller.actor(), tenant, request.name(),
                        request.publicKey()))).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSshKey", summary = "Remove an SSH key")
    @APIResponse(responseCode = "204", description = "Done")
    public Response delete(@PathParam("id") String id) {
        keys.delete(caller.actor(), caller.scope(), id(id));
        return Response.noContent().build();
    }

    private static UUID id(String raw) {
        return Cursors.pathId(raw, "ssh key");
    }
}
