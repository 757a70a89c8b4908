package io.innkeeper.billing;

import java.util.UUID;

/**
 * What billing asks of the core when a tenant does not pay, or pays again. The core implements it; billing never
 * touches tenants or servers itself.
 */
public interface BillingActions {

    /** Powers off and locks the tenant's servers (a reseller's customers' too), as a non-payment suspension. */
    void suspendForNonPayment(UUID tenantId, String reason);

    /** Deletes the tenant's servers after the longest grace. */
    void terminateForNonPayment(UUID tenantId, String reason);

    /** Lifts the tenant's suspension if, and only if, it was made for non-payment; answers whether it did. */
    boolean liftNonPaymentSuspension(UUID tenantId);
}
