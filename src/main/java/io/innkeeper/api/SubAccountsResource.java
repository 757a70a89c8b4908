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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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
import io.innkeeper.account.SubAccounts;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.LoginLinks;

/** A reseller's customer accounts. Any other caller gets 403; another reseller's account answers 404. */
@ScopedTo(TokenResource.ACCOUNTS)
@Path("/api/v1/sub-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sub-accounts", description = "A reseller's customers: create, rename, close, suspend, set their quota, invite their owner.")
public class SubAccountsResource {

    @Inject
    Caller caller;

    @Inject
    SubAccounts accounts;

    @Inject
    ApiJson json;

    @Inject
    Idempotency idempotency;

    @Inject
    LoginLinks loginLinks;

    /** A sub-account with its quota and what it uses. */
    public record Detail(ApiViews.SubAccountView account, QuotaLimits quota, io.innkeeper.quota.Usage usage) {
    }

    @GET
    @Operation(operationId = "listSubAccounts", summary = "The reseller's customer accounts, newest first")
    public List<ApiViews.SubAccountView> list(@jakarta.ws.rs.QueryParam("externalRef") String externalRef) {
        return accounts.list(caller.scopeTenant(), externalRef).stream().map(ApiViews.SubAccountView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubAccount", summary = "One customer account with its quota and usage")
    public Detail get(@PathParam("id") String id) {
        return detail(accounts.detail(caller.scopeTenant(), id(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubAccount", summary = "Create a customer account under the reseller")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubAccountsResource.Detail.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewSubAccount.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        ApiRequests.NewSubAccount request = json.read(body, ApiRequests.NewSubAccount.class, false);
        return idempotency.run(reseller, key, "POST /sub-accounts", body, () -> {
            SubAccounts.Detail made = accounts.create(caller.actor(), reseller, request.name(),
                    request.externalRef());
            return Response.status(201).entity(detail(made)).build();
        });
    }

    @PUT
    @Path("/{id}/quota")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setSubAccountQuota", summary = "Set the account's quota, within the reseller's pool")
    public Detail quota(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.Quota.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        ApiRequests.Quota request = json.read(body, ApiRequests.Quota.class, false);
        try {
            accounts.setQuota(caller.actor(), reseller, account, request.limits());
        } catch (InvalidInput refused) {
            throw ApiRequests.Quota.inApiNames(refused);
        }
        return detail(accounts.detail(reseller, account));
    }

    @POST
    @Path("/{id}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "suspendSubAccount", summary = "Suspend the account; its running servers are powered off")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubAccountsResource.Detail.class)))
    public Response suspend(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.Suspend.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        ApiRequests.Suspend request = json.read(body, ApiRequests.Suspend.class, false);
        return idempotency.run(reseller, key, "POST /sub-accounts/" + account + "/suspend", body, () -> {
            accounts.suspend(caller.actor(), reseller, account, request.reason());
            return Response.ok(detail(accounts.detail(reseller, account))).build();
        });
    }

    @POST
    @Path("/{id}/unsuspend")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "unsuspendSubAccount", summary = "Lift the account's suspension; servers stay off")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubAccountsResource.Detail.class)))
    public Response unsuspend(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        json.read(body, ServersResource.Empty.class, true);
        return idempotency.run(reseller, key, "POST /sub-accounts/" + account + "/unsuspend", body, () -> {
            accounts.unsuspend(caller.actor(), reseller, account);
            return Response.ok(detail(accounts.detail(reseller, account))).build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "renameSubAccount", summary = "Rename the customer account")
    public Detail rename(@PathParam("id") String id,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.RenameSubAccount.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        ApiRequests.RenameSubAccount request = json.read(body, ApiRequests.RenameSubAccount.class, false);
        return detail(accounts.rename(caller.actor(), reseller, account, request.name()));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "closeSubAccount", summary = "Close the account for good; refused while it has servers. "
            + "Its invoices stay; its logins can no longer order")
    @APIResponse(responseCode = "200", description = "Done", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubAccountsResource.Detail.class)))
    public Response close(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(required = false, description = "No body, or {}", content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ServersResource.Empty.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        json.read(body, ServersResource.Empty.class, true);
        return idempotency.run(reseller, key, "POST /sub-accounts/" + account + "/close", body,
                () -> Response.ok(detail(accounts.close(caller.actor(), reseller, account))).build());
    }

    @POST
    @Path("/{id}/invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inviteToSubAccount", summary = "Invite a person by e-mail to the account in a role "
            + "(OWNER, MEMBER or READ_ONLY); they get a single-use link that expires")
    @APIResponse(responseCode = "201", description = "Invited", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApiViews.InvitationView.class)))
    public Response invite(@PathParam("id") String id, @HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.NewInvitation.class))) byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        ApiRequests.NewInvitation request = json.read(body, ApiRequests.NewInvitation.class, false);
        return idempotency.run(reseller, key, "POST /sub-accounts/" + account + "/invitations", body, () -> {
            var sent = accounts.invite(caller.actor(), reseller, account, request.email(), request.role());
            return Response.status(201).entity(ApiViews.InvitationView.of(sent)).build();
        });
    }

    @GET
    @Path("/{id}/invitations")
    @Operation(operationId = "listSubAccountInvitations", summary = "The account's invitations not yet accepted or "
            + "revoked (expired ones too), newest first")
    public List<ApiViews.InvitationView> invitations(@PathParam("id") String id) {
        return accounts.invitations(caller.scopeTenant(), id(id)).stream().map(ApiViews.InvitationView::of).toList();
    }

    @DELETE
    @Path("/{id}/invitations/{invitationId}")
    @Operation(operationId = "revokeSubAccountInvitation", summary = "Revoke an invitation; its link stops working")
    @APIResponse(responseCode = "204", description = "Done")
    public Response revoke(@PathParam("id") String id, @PathParam("invitationId") String invitationId) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        accounts.revokeInvitation(caller.actor(), reseller, account, Cursors.pathId(invitationId, "invitation"));
        return Response.noContent().build();
    }

    private static Detail detail(SubAccounts.Detail detail) {
        return new Detail(ApiViews.SubAccountView.of(detail.account()), detail.quota(), detail.usage());
    }

    /** A single sign-on link: its URL, to follow once before {@code expiresAt}, and whom it signs in. */
    public record LoginLinkView(String url, String login, Instant expiresAt) {
    }

    @POST
    @Path("/{id}/login-link")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "createSubAccountLoginLink", summary = "A short-lived, single-use link that signs the "
            + "customer's owner into the customer portal (audited); no Idempotency-Key, as each answer is a new link")
    @APIResponse(responseCode = "201", description = "Made", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SubAccountsResource.LoginLinkView.class)))
    public Response loginLink(@PathParam("id") String id, byte[] body) {
        UUID reseller = caller.scopeTenant();
        UUID account = id(id);
        accounts.requireCustomer(reseller, account);
        json.read(body, ServersResource.Empty.class, true);
        LoginLinks.Link link = loginLinks.create(caller.actor(), reseller, account);
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(new LoginLinkView(link.url(), link.login(), link.expiresAt())).build();
    }

    private static UUID id(String raw) {
        return Cursors.pathId(raw, "account");
    }
}
