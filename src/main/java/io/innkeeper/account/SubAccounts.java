package io.innkeeper.account;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantSuspensions;

/**
 * A reseller's customer accounts: made under the reseller, given quota out of its pool, suspended and restored by
 * it. Another reseller's accounts answer 404.
 */
@ApplicationScoped
public class SubAccounts {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Audit audit;

    @Inject
    ExternalRefs refs;

    @Inject
    QuotaService quotas;

    @Inject
    TenantSuspensions suspensions;

    @Transactional
    public Tenant create(Actor actor, UUID resellerId, String rawName, String externalRef) {
        Tenant reseller = reseller(resellerId);
        FieldErrors errors = new FieldErrors();
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name", "Give the account a name of 1 to 200 characters.");
        }
        ExternalRefs.problem(externalRef).ifPresent(p -> errors.add("externalRef", p));
        errors.throwIfAny();
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID();
        tenant.name = name;
        tenant.kind = TenantKind.CUSTOMER;
        tenant.parent = reseller;
        tenant.currency = reseller.currency;
        tenant.timeZone = reseller.timeZone;
        tenant.createdAt = clock.instant();
        em.persist(tenant);
        refs.set(resellerId, ExternalRefs.ACCOUNT, tenant.id, externalRef);
        audit.changed(actor, new Audit.Entry("tenant.create", "tenant", tenant.id, tenant.id, name, null,
                Map.of("name", name, "parent", resellerId.toString())));
        return tenant;
    }

    @Transactional
    public List<Tenant> list(UUID resellerId) {
        reseller(resellerId);
        return em.createQuery("from Tenant t where t.parent.id = :r order by t.createdAt desc, t.id", Tenant.class)
                .setParameter("r", resellerId).getResultList();
    }

    @Transactional
    public Tenant get(UUID resellerId, UUID id) {
        reseller(resellerId);
        Tenant tenant = em.find(Tenant.class, id);
        if (tenant == null || tenant.parent == null || !tenant.parent.id.equals(resellerId)) {
            throw new NotFound("account");
        }
        return tenant;
    }

    /** Sets the customer's quota; it must fit in what the reseller's pool has not given to others. */
    public QuotaLimits setQuota(Actor actor, UUID resellerId, UUID id, QuotaLimits limits) {
        get(resellerId, id);
        return quotas.set(actor, id, limits);
    }

    public void suspend(Actor actor, UUID resellerId, UUID id, String reason) {
        get(resellerId, id);
        suspensions.suspend(actor, id, TenantSuspensions.Kind.ADMIN, reason);
    }

    public void unsuspend(Actor actor, UUID resellerId, UUID id) {
        get(resellerId, id);
        suspensions.unsuspend(actor, id, TenantSuspensions.Kind.ADMIN);
    }

    private Tenant reseller(UUID resellerId) {
        Tenant reseller = em.find(Tenant.class, resellerId);
        if (reseller == null || reseller.kind != TenantKind.RESELLER) {
            throw new ForbiddenException("Only a reseller account has sub-accounts.");
        }
        return reseller;
    }
}
