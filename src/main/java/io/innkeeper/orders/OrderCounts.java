package io.innkeeper.orders;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Orders placed and refused, for the operator's metrics: {@code innkeeper_orders_placed_total} and
 * {@code innkeeper_orders_refused_total} tagged with the {@link Refusal reason}. Every reason is registered at zero,
 * so a rate or an alert has a series before the first refusal.
 */
@ApplicationScoped
public class OrderCounts {

    /** Why an order was refused, as one tag value; the order's field errors say the rest. */
    public enum Refusal {
        /** The tenant's or its reseller's quota does not cover it. */
        QUOTA,
        /** No node in the region has room, or no address is free. */
        CAPACITY,
        /** The account (or its reseller's) is suspended. */
        SUSPENDED,
        /** The hostname, external reference or idempotency key belongs to another order. */
        TAKEN,
        /** Something in the order is wrong on its face. */
        INVALID;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter placed;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    public OrderCounts(MeterRegistry registry) {
        placed = Counter.builder("innkeeper.orders.placed").description("Orders that made a server")
                .register(registry);
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("innkeeper.orders.refused").tag("reason", reason.tag())
                    .description("Orders refused, by reason").register(registry));
        }
    }

    /** Counts an order placed in the current transaction, once that transaction commits. */
    void placed() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    placed.increment();
                }
            }
        });
    }

    void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
