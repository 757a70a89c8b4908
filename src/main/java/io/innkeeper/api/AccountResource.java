package io.innkeeper.api;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import io.innkeeper.account.OwnAccount;
import io.innkeeper.billing.card.CardPayments;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.kernel.PublicAddress;

/** The caller's own account: who it is, its quota, what it uses and what is left. */
@ScopedTo(TokenResource.ACCOUNTS)
@Path("/api/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account", description = "The calling account: its details, quota, usage and balance.")
public class AccountResource {

    @Inject
    Caller caller;

    @Inject
    OwnAccount account;

    @Inject
    CardPayments cards;

    @Inject
    PublicAddress links;

    @Inject
    Idempotency idempotency;

    @Inject
    ApiJson json;

    @POST
    @Path("/top-up")
    @ScopedTo(TokenResource.BILLING)
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "topUpCredit", summary = "A card payment page (Stripe Checkout) that adds prepaid "
            + "credit; the credit is booked when the card service confirms the payment. amount within the provider's "
            + "bounds (field amount); 400 (field payment) when the provider takes bank transfers only")
    @APIResponse(responseCode = "201", description = "Done", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiViews.PaymentLinkView.class)))
    public Response topUp(@HeaderParam(Idempotency.HEADER) String key,
            @RequestBody(content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiRequests.TopUp.class))) byte[] body) {
        ApiRequests.TopUp request = json.read(body, ApiRequests.TopUp.class, false);
        java.util.UUID tenant = caller.scopeTenant();
        String page = links.base() + "/payments";
        return idempotency.run(tenant, key, "POST /account/top-up", body, () -> {
            CardPayments.PaymentPage pay = cards.topUp(tenant, request.amount(),
                    Boolean.TRUE.equals(request.saveCard()), new CardPayments.Return(page + "?card=true", page));
            return Response.status(201).entity(new ApiViews.PaymentLinkView(pay.url().toString(),
                    ApiViews.Price.of(pay.amount()))).build();
        });
    }

    // Each answer is one transaction with the caller's own lookup, so a tenant it read is not read again.
    @GET
    @Transactional
    @Operation(operationId = "getAccount", summary = "The caller's account, quota and usage")
    public ApiViews.AccountView get() {
        OwnAccount.Summary a = account.summary(caller.scopeTenant());
        return new ApiViews.AccountView(a.id(), a.name(), a.kind().name(), a.status().name(), a.parent(),
                a.currency(), a.timeZone(), a.externalRef(), a.createdAt(), a.quota(), a.usage(), a.remaining());
    }

    @GET
    @Path("/balance")
    @ScopedTo(TokenResource.BILLING)
    @Transactional
    @Operation(operationId = "getBalance",
            summary = "What the account owes, its prepaid credit, and how many invoices are overdue")
    public ApiViews.BalanceView balance() {
        OwnAccount.Balance b = account.balance(caller.scopeTenant());
        return new ApiViews.BalanceView(b.account(), b.billedBy(), ApiViews.Price.of(b.balance()),
                ApiViews.Price.of(b.outstanding()), ApiViews.Price.of(b.credit()), b.overdueInvoices());
    }
}
