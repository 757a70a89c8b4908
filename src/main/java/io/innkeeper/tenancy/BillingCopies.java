package io.innkeeper.tenancy;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.security.ForbiddenException;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.NotFound;

/**
 * A reseller's choice to receive copies of its customers' billing mails (invoices, payments, dunning). Owners of the
 * reseller change it; the notification pipeline reads it through {@link Audiences}. One transaction each.
 */
@ApplicationScoped
public class BillingCopies {

    /** Why an owner-only change is refused to anyone else. */
    public static final String OWNERS_ONLY = "Only an owner of the account can choose who receives billing mails.";

    @Inject
    Audit audit;

    /** Whether the account receives copies of its customers' billing mails; false for one that does not exist. */
    @Transactional
    public boolean copies(UUID reseller) {
        Tenant t = Tenant.findById(reseller);
        return t != null && t.kind == TenantKind.RESELLER && t.copyCustomerBilling;
    }

    /**
     * Switches the copies on or off; only an owner ({@code role}) of a reseller account may. Audited as
     * {@code tenant.billing-copies} when it changes; setting it to what it is changes nothing.
     */
    @Transactional
    public void set(Actor actor, UUID reseller, MemberRole role, boolean copies) {
        if (role != MemberRole.OWNER) {
            throw new ForbiddenException(OWNERS_ONLY);
        }
        Tenant t = Tenant.findById(reseller);
        if (t == null || t.kind != TenantKind.RESELLER) {
            throw new NotFound("reseller account " + reseller);
        }
        if (t.copyCustomerBilling == copies) {
            return;
        }
        t.copyCustomerBilling = copies;
        audit.changed(actor, new Audit.Entry("tenant.billing-copies", "tenant", reseller, reseller,
                copies ? "owners receive copies of customers' billing mails" : "no copies of customers' billing mails",
                Map.of("copyCustomerBilling", !copies), Map.of("copyCustomerBilling", copies)));
    }
}
