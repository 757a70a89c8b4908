package io.innkeeper.api;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.innkeeper.account.ExternalRefs;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.Money;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Caller;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;

/** The caller's own account: who it is, its quota, what it uses and what is left. */
@Path("/api/v1/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account")
public class AccountResource {

    @Inject
    Caller caller;

    @Inject
    QuotaService quotas;

    @Inject
    ExternalRefs refs;

    @Inject
    Ledger ledger;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(operationId = "getAccount", summary = "The caller's account, quota and usage")
    public ApiViews.AccountView get() {
        Tenant tenant = caller.tenant();
        Set<java.util.UUID> counted = tenant.kind == TenantKind.RESELLER ? quotas.pool(tenant.id) : Set.of(tenant.id);
        io.innkeeper.quota.QuotaLimits limits = quotas.limits(tenant.id);
        io.innkeeper.quota.Usage used = quotas.usage(counted);
        return new ApiViews.AccountView(tenant.id, tenant.name, tenant.kind.name(), tenant.status.name(),
                tenant.parent == null ? null : tenant.parent.id, tenant.currency, tenant.timeZone,
                refs.of(List.of(tenant.id)).get(tenant.id), tenant.createdAt, limits, used,
                quotas.remaining(tenant, limits, used));
    }

    @GET
    @Path("/balance")
    @Transactional
    @Operation(operationId = "getBalance",
            summary = "What the account owes, its prepaid credit, and how many invoices are overdue")
    public ApiViews.BalanceView balance() {
        Tenant tenant = caller.tenant();
        if (tenant.parent != null) {
            Money zero = new Money(java.math.BigDecimal.ZERO, java.util.Currency.getInstance(tenant.currency))
                    .rounded();
            return new ApiViews.BalanceView(tenant.id, "reseller", ApiViews.Price.of(zero), ApiViews.Price.of(zero),
                    ApiViews.Price.of(zero), 0);
        }
        Money balance = ledger.balance(tenant.id);
        Money zero = new Money(java.math.BigDecimal.ZERO, balance.currency()).rounded();
        boolean owes = balance.amount().signum() > 0;
        return new ApiViews.BalanceView(tenant.id, "platform", ApiViews.Price.of(balance),
                ApiViews.Price.of(owes ? balance : zero), ApiViews.Price.of(owes ? zero
                        : new Money(balance.amount().negate(), balance.currency())),
                ledger.overdue(tenant.id, clock.instant()));
    }
}
