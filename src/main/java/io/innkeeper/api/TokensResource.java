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

import io.quarkus.security.ForbiddenException;

import io.innkeeper.account.TokenResource;
import io.innkeeper.account.ApiTokens;
import io.innkeeper.tenancy.Caller;

/**
 * API tokens, managed by a signed-in user (a Keycloak access token), never by another API token: a leaked token
 * cannot mint more. The one exception is a bootstrap token, made by an owner in the portal for an integration that
 * has no browser: it may mint one token within its own limits, and is used up by it. The secret is in the answer to
 * the create call only.
 */
@ScopedTo(TokenResource.ACCOUNTS)
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens", description = "Panel API tokens, managed while signed in with a Keycloak access token.")
public class TokensResource {

    @Inject
    Caller caller;

    @Inject
    ApiTokens tokens;

    @Inject
    ApiJson json;

    @Inject
    Idempotency idempotency;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    @Operation(operationId = "listTokens", summary = "The account's API tokens, newest first (no secrets)")
    public List<ApiViews.TokenView> list() {
        return tokens.list(owner()).stream().map(ApiViews.TokenView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createToken", summary = "Create an API token; its secret is shown in this answer only")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.CreatedToken.class)))
    @ScopedTo.Bootstrap
    public Response create(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewToken.class))) byte[] body) {
        if (Boolean.TRUE.equals(identity.getAttribute(Caller.TOKEN_BOOTSTRAP))) {
            ApiRequests.NewToken request = json.read(body, ApiRequests.NewToken.class, false);
            ApiTokens.Created created = tokens.mint(identity.getAttribute(Caller.TOKEN_ID),
                    caller.actor().sourceIp(), request.asNewToken());
            return Response.status(201).entity(new ApiViews.CreatedToken(ApiViews.TokenView.of(created.token()),
                    created.secret())).build();
        }
        UUID owner = owner();
        ApiRequests.NewToken request = json.read(body, ApiRequests.NewToken.class, false);
        return idempotency.run(owner, key, "POST /tokens", body, () -> {
            ApiTokens.Created created = tokens.create(caller.actor(), owner, request.asNewToken());
            return Response.status(201).entity(new ApiViews.CreatedToken(ApiViews.TokenView.of(created.token()),
                    created.secret())).build();
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke an API token at once")
    public ApiViews.TokenView revoke(@PathParam("id") String id) {
        UUID owner = owner();
        return ApiViews.TokenView.of(tokens.revoke(caller.actor(), owner, Cursors.pathId(id, "token")));
    }

    private UUID owner() {
        if (caller.tokenTenantId() != null) {
            throw new ForbiddenException("API tokens are managed while signed in, not with another API token.");
        }
        return caller.scopeTenant();
    }
}
