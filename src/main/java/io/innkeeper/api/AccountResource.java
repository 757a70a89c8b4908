package io.innkeeper.api;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.OwnAccount;
import io.innkeeper.tenancy.Caller;

/** The caller's own account: who it is, its quota, what it uses and what is left. */
@Path("/api/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public class AccountResource {

    @Inject
    Caller caller;

    @Inject
    OwnAccount account;

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
    @Transactional
    @Operation(operationId = "getBalance",
            summary = "What the account owes, its prepaid credit, and how many invoices are overdue")
    public ApiViews.BalanceView balance() {
        OwnAccount.Balance b = account.balance(caller.scopeTenant());
        return new ApiViews.BalanceView(b.account(), b.billedBy(), ApiViews.Price.of(b.balance()),
                ApiViews.Price.of(b.outstanding()), ApiViews.Price.of(b.credit()), b.overdueInvoices());
    }
}
