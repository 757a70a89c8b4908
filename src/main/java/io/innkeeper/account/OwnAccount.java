package io.innkeeper.account;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.quota.Usage;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantStatus;

/** A tenant's own account as it reads it: who it is, its quota, what it uses, what is left, and what it owes. */
@ApplicationScoped
public class OwnAccount {

    /**
     * The account with its quota, its usage (a reseller's pool's) and what it can still order; {@code parent} is the
     * reseller of a customer account, {@code externalRef} the reseller's reference for it.
     */
    public record Summary(UUID id, String name, TenantKind kind, TenantStatus status, UUID parent, String currency,
            String timeZone, String externalRef, Instant createdAt, QuotaLimits quota, Usage usage,
            Usage remaining) {
    }

    /**
     * The account's standing with its biller: {@code balance} is what it owes (positive) or holds as credit
     * (negative). A reseller's customer is billed by its reseller ({@code billedBy} "reseller"), so its figures are
     * zero here; others are billed by the "platform".
     */
    public record Balance(UUID account, String billedBy, Money balance, Money outstanding, Money credit,
            long overdueInvoices) {
    }

    @Inject
    EntityManager em;

    @Inject
    QuotaService quotas;

    @Inject
    ExternalRefs refs;

    @Inject
    Ledger ledger;

    @Inject
    Clock clock;

    @Transactional
    public Summary summary(UUID tenantId) {
        Tenant tenant = tenant(tenantId);
        Set<UUID> counted = tenant.kind == TenantKind.RESELLER ? quotas.pool(tenant.id) : Set.of(tenant.id);
        QuotaLimits limits = quotas.limits(tenant.id);
        Usage used = quotas.usage(counted);
        return new Summary(tenant.id, tenant.name, tenant.kind, tenant.status,
                tenant.parent == null ? null : tenant.parent.id, tenant.currency, tenant.timeZone,
                refs.of(List.of(tenant.id)).get(tenant.id), tenant.createdAt, limits, used,
                quotas.remaining(tenant, limits, used));
    }

    @Transactional
    public Balance balance(UUID tenantId) {
        Tenant tenant = tenant(tenantId);
        if (tenant.parent != null) {
            Money zero = new Money(BigDecimal.ZERO, Currency.getInstance(tenant.currency)).rounded();
            return new Balance(tenant.id, "reseller", zero, zero, zero, 0);
        }
        Money balance = ledger.balance(tenant.id);
        Money zero = new Money(BigDecimal.ZERO, balance.currency()).rounded();
        boolean owes = balance.amount().signum() > 0;
        return new Balance(tenant.id, "platform", balance, owes ? balance : zero,
                owes ? zero : new Money(balance.amount().negate(), balance.currency()),
                ledger.overdue(tenant.id, clock.instant()));
    }

    private Tenant tenant(UUID tenantId) {
        Tenant tenant = em.find(Tenant.class, tenantId);
        if (tenant == null) {
            throw new NotFound("account");
        }
        return tenant;
    }
}
