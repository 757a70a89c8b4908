package io.innkeeper.account;

import java.time.Clock;
import java.time.Instant;
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
import io.innkeeper.quota.Usage;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Text;
import io.innkeeper.tenancy.Invitations;
import io.innkeeper.tenancy.Openings;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantStatus;
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

    @Inject
    Invitations invitations;

    @Inject
    Openings openings;

    /** A customer account as its reseller sees it; {@code externalRef} is the reseller's own id for it, if set. */
    public record Account(UUID id, String name, TenantStatus status, String externalRef, Instant createdAt) {
    }

    /** A customer account with its quota and what it uses now. */
    public record Detail(Account account, QuotaLimits quota, Usage usage) {
    }

    /** Makes a customer account under the reseller; it starts with no quota. */
    @Transactional
    public Detail create(Actor actor, UUID resellerId, String rawName, String externalRef) {
        Tenant reseller = reseller(resellerId);
        FieldErrors errors = new FieldErrors();
        String name = rawName == null ? "" : rawName.strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add("name", "Give the account a name of 1 to 200 characters.");
        }
        ExternalRefs.problem(externalRef).ifPresent(p -> errors.add("externalRef", p));
        errors.throwIfAny();
        UUID id = openings.open(actor, new Openings.Opening(TenantKind.CUSTOMER, name, resellerId,
                reseller.currency, reseller.timeZone, null, false));
        refs.set(resellerId, ExternalRefs.ACCOUNT, id, externalRef);
        Tenant tenant = em.find(Tenant.class, id);
        return detail(tenant);
    }

    /**
     * The reseller's customer accounts, newest first; with {@code externalRef}, only the one the reseller gave that
     * reference (none when no account has it).
     */
    @Transactional
    public List<Account> list(UUID resellerId, String externalRef) {
        reseller(resellerId);
        List<Tenant> found = em.createQuery("from Tenant t where t.parent.id = :r order by t.createdAt desc, t.id",
                Tenant.class).setParameter("r", resellerId).getResultList();
        if (externalRef != null) {
            UUID match = refs.find(List.of(resellerId), ExternalRefs.ACCOUNT, externalRef).orElse(null);
            found = found.stream().filter(t -> t.id.equals(match)).toList();
        }
        return accounts(found);
    }

    /**
     * The reseller's customer accounts by name, each with its quota and usage: four reads however many there are
     * (the accounts, their references, their quotas, their usage).
     */
    @Transactional
    public List<Detail> withQuotas(UUID resellerId) {
        reseller(resellerId);
        List<Tenant> found = em.createQuery("from Tenant t where t.parent.id = :r order by t.name", Tenant.class)
                .setParameter("r", resellerId).getResultList();
        Map<UUID, QuotaLimits> limits = quotas.limitsEach(found);
        Map<UUID, Usage> usage = quotas.usageEach(found.stream().map(t -> t.id).toList());
        return accounts(found).stream().map(a -> new Detail(a, limits.get(a.id()), usage.get(a.id()))).toList();
    }

    /** One customer account of the reseller with its quota and usage; 404 for any other tenant, itself included. */
    @Transactional
    public Detail detail(UUID resellerId, UUID id) {
        return detail(customer(resellerId, id));
    }

    private Detail detail(Tenant tenant) {
        return new Detail(accounts(List.of(tenant)).get(0), quotas.limits(tenant.id),
                quotas.usage(java.util.Set.of(tenant.id)));
    }

    private List<Account> accounts(List<Tenant> tenants) {
        Map<UUID, String> external = refs.of(tenants.stream().map(t -> t.id).toList());
        return tenants.stream().map(t -> new Account(t.id, t.name, t.status, external.get(t.id), t.createdAt))
                .toList();
    }

    /**
     * Checks that the account is the reseller's customer, so that an adapter answers 404 before it reads the rest
     * of a request; {@link NotFound} for any other tenant.
     */
    @Transactional
    public void requireCustomer(UUID resellerId, UUID id) {
        customer(resellerId, id);
    }

    private Tenant customer(UUID resellerId, UUID id) {
        reseller(resellerId);
        Tenant tenant = em.find(Tenant.class, id);
        if (tenant == null || tenant.parent == null || !tenant.parent.id.equals(resellerId)) {
            throw new NotFound("account");
        }
        return tenant;
    }

    /** Sets the customer's quota; it must fit in what the reseller's pool has not given to others. */
    public QuotaLimits setQuota(Actor actor, UUID resellerId, UUID id, QuotaLimits limits) {
        requireCustomer(resellerId, id);
        return quotas.set(actor, id, limits);
    }

    public void suspend(Actor actor, UUID resellerId, UUID id, String reason) {
        requireCustomer(resellerId, id);
        suspensions.suspend(actor, id, TenantSuspensions.Kind.ADMIN, reason);
    }

    public void unsuspend(Actor actor, UUID resellerId, UUID id) {
        requireCustomer(resellerId, id);
        suspensions.unsuspend(actor, id, TenantSuspensions.Kind.ADMIN);
    }

    /**
     * Makes a customer account under the reseller and invites its owner by e-mail, in one transaction: a refused
     * address stores no account.
     */
    @Transactional
    public Detail createAndInvite(Actor actor, UUID resellerId, String name, String externalRef, String ownerEmail) {
        Detail made = create(actor, resellerId, name, externalRef);
        invitations.invite(actor, Invitations.Authority.reseller(resellerId), made.account().id(), ownerEmail,
                "OWNER");
        return made;
    }

    /** Renames the customer account. */
    @Transactional
    public Detail rename(Actor actor, UUID resellerId, UUID id, String rawName) {
        Tenant tenant = customer(resellerId, id);
        String name = rawName == null ? "" : rawName.strip();
        String refusal = Text.refusal(name, 200, false);
        if (name.isEmpty() || refusal != null) {
            throw InvalidInput.of("name", refusal != null ? refusal : "Give the account a name of 1 to 200 characters.");
        }
        if (tenant.status == TenantStatus.CLOSED) {
            throw InvalidInput.of("name", "This account is closed; it can no longer be renamed.");
        }
        String before = tenant.name;
        tenant.name = name;
        audit.changed(actor, new Audit.Entry("tenant.rename", "tenant", id, id, name, Map.of("name", before),
                Map.of("name", name)));
        return detail(tenant);
    }

    /**
     * Closes the customer account for good: refused while it has servers (they are named, to delete first); its
     * invoices stay, its pending invitations are withdrawn, and its logins can no longer order.
     */
    @Transactional
    public Detail close(Actor actor, UUID resellerId, UUID id) {
        customer(resellerId, id);
        Tenant tenant = quotas.lock(id);
        if (tenant.status == TenantStatus.CLOSED) {
            throw InvalidInput.of("account", "This account is closed already.");
        }
        @SuppressWarnings("unchecked")
        List<String> live = em.createNativeQuery("select hostname from orders_server where tenant_id = :t "
                + "and deleted_at is null order by hostname").setParameter("t", id).getResultList();
        if (!live.isEmpty()) {
            throw InvalidInput.of("account", "Delete the account's servers first: " + String.join(", ",
                    live.stream().limit(10).toList()) + (live.size() > 10 ? " and " + (live.size() - 10) + " more"
                            : "") + ".");
        }
        String before = tenant.status.name();
        tenant.status = TenantStatus.CLOSED;
        invitations.revokeAll(actor, id);
        audit.changed(actor, new Audit.Entry("tenant.close", "tenant", id, id, null, Map.of("status", before),
                Map.of("status", tenant.status.name())));
        return detail(tenant);
    }

    /** Invites the owner (or another member) of the reseller's customer account by e-mail. */
    public Invitations.Sent invite(Actor actor, UUID resellerId, UUID id, String email, String role) {
        requireCustomer(resellerId, id);
        return invitations.invite(actor, Invitations.Authority.reseller(resellerId), id, email, role);
    }

    /** The customer account's invitations neither accepted nor revoked. */
    public List<Invitations.Sent> invitations(UUID resellerId, UUID id) {
        requireCustomer(resellerId, id);
        return invitations.open(Invitations.Authority.reseller(resellerId), id);
    }

    public Invitations.Sent resendInvitation(Actor actor, UUID resellerId, UUID id, UUID invitationId) {
        requireCustomer(resellerId, id);
        return invitations.resend(actor, Invitations.Authority.reseller(resellerId), id, invitationId);
    }

    public void revokeInvitation(Actor actor, UUID resellerId, UUID id, UUID invitationId) {
        requireCustomer(resellerId, id);
        invitations.revoke(actor, Invitations.Authority.reseller(resellerId), id, invitationId);
    }

    private Tenant reseller(UUID resellerId) {
        Tenant reseller = em.find(Tenant.class, resellerId);
        if (reseller == null || reseller.kind != TenantKind.RESELLER) {
            throw new ForbiddenException("Only a reseller account has sub-accounts.");
        }
        return reseller;
    }
}
