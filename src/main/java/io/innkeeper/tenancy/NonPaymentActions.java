package io.innkeeper.tenancy;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.billing.BillingActions;
import io.innkeeper.orders.OrderService;

/** The core's side of billing's dunning: suspension, termination and lifting, through the usual services. */
@ApplicationScoped
public class NonPaymentActions implements BillingActions {

    private static final Actor BILLING = new Actor("billing", null, null, null);

    @Inject
    TenantSuspensions suspensions;

    @Inject
    OrderService orders;

    @Override
    public void suspendForNonPayment(UUID tenantId, String reason) {
        suspensions.suspend(BILLING, tenantId, TenantSuspensions.Kind.NON_PAYMENT, reason);
    }

    @Override
    @Transactional
    public void terminateForNonPayment(UUID tenantId, String reason) {
        Tenant tenant = Tenant.findById(tenantId);
        List<Tenant> owners = tenant.kind == TenantKind.RESELLER
                ? Tenant.<Tenant>list("id = ?1 or parent.id = ?1", tenantId) : List.of(tenant);
        for (Tenant owner : owners) {
            List<UUID> live = Tenant.getEntityManager().createQuery("select s.id from Server s where s.tenant.id = :t "
                    + "and s.deletedAt is null", UUID.class).setParameter("t", owner.id).getResultList();
            for (UUID server : live) {
                orders.delete(BILLING, Scope.of(owner.id), server);
            }
        }
    }

    @Override
    public boolean liftNonPaymentSuspension(UUID tenantId) {
        return suspensions.unsuspend(BILLING, tenantId, TenantSuspensions.Kind.NON_PAYMENT);
    }
}
