package io.innkeeper.billing.card;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.innkeeper.kernel.InvalidInput;

/** The tenant as the card gateway knows it: its customer there, the stored card, and the automatic charge setting. */
@ApplicationScoped
public class CardCustomers {

    /** One tenant's row; {@code methodRef} is null while no card is stored. */
    public record CardCustomer(UUID tenantId, String gateway, String customerRef, String methodRef,
            String methodLabel, boolean autoCharge) {

        public boolean hasCard() {
            return methodRef != null;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    io.innkeeper.billing.invoice.BillingInputs inputs;

    /** The tenant when the platform bills it (a reseller's customer is billed by its reseller). */
    @Transactional
    public Optional<io.innkeeper.billing.invoice.BilledTenant> billed(UUID tenantId) {
        return inputs.tenant(tenantId);
    }

    @Transactional
    public Optional<CardCustomer> get(UUID tenantId) {
        List<Tuple> rows = em.createNativeQuery("select tenant_id, gateway, customer_ref, method_ref, method_label, "
                + "auto_charge from card_customer where tenant_id = :t", Tuple.class).setParameter("t", tenantId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new CardCustomer(r.get("tenant_id", UUID.class),
                r.get("gateway", String.class), r.get("customer_ref", String.class),
                r.get("method_ref", String.class), r.get("method_label", String.class),
                r.get("auto_charge", Boolean.class)));
    }

    @Transactional
    void saveCustomer(UUID tenantId, String gateway, String customerRef) {
        em.createNativeQuery("insert into card_customer (tenant_id, gateway, customer_ref, updated_at) values (:t, :g, "
                + ":c, :at) on conflict (tenant_id) do nothing").setParameter("t", tenantId).setParameter("g", gateway)
                .setParameter("c", customerRef).setParameter("at", clock.instant()).executeUpdate();
    }

    /** Stores the card a payment saved, if the payment was made as the tenant's customer at the gateway. */
    @Transactional
    void saveMethod(UUID tenantId, String customerRef, String methodRef, String label) {
        em.createNativeQuery("update card_customer set method_ref = :m, method_label = :l, updated_at = :at "
                + "where tenant_id = :t and customer_ref = :c").setParameter("m", methodRef)
                .setParameter("l", label == null ? null : label.substring(0, Math.min(label.length(), 100)))
                .setParameter("at", clock.instant()).setParameter("t", tenantId).setParameter("c", customerRef)
                .executeUpdate();
    }

    @Transactional
    void setAutoCharge(UUID tenantId, boolean on) {
        int changed = em.createNativeQuery("update card_customer set auto_charge = :on, updated_at = :at "
                + "where tenant_id = :t and (method_ref is not null or not :on)").setParameter("on", on)
                .setParameter("at", clock.instant()).setParameter("t", tenantId).executeUpdate();
        if (changed == 0 && on) {
            throw InvalidInput.of("autoCharge", "Store a card first: tick \"Keep this card\" when you pay.");
        }
    }

    @Transactional
    void forgetMethod(UUID tenantId) {
        em.createNativeQuery("update card_customer set method_ref = null, method_label = null, auto_charge = false, "
                + "updated_at = :at where tenant_id = :t").setParameter("at", clock.instant())
                .setParameter("t", tenantId).executeUpdate();
    }
}
