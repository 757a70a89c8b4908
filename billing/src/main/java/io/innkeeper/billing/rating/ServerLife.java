package io.innkeeper.billing.rating;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A server from creation to deletion (null while it exists) with the plans it had: each plan is in force from its
 * {@code from} until the next one's. The first plan starts at creation.
 */
public record ServerLife(UUID serverId, String hostname, Instant created, Instant deleted, List<PlanPeriod> plans) {

    /** A plan in force from an instant on. */
    public record PlanPeriod(PlanPrice plan, Instant from) {
    }

    public ServerLife {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(created, "created");
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("a server has a plan");
        }
        plans = plans.stream().sorted(Comparator.comparing(PlanPeriod::from)).toList();
    }

    /**
     * The same life with each plan priced by {@code prices} (a reseller's price list): rating then applies the same
     * rule to other prices.
     */
    public ServerLife withPrices(UnaryOperator<PlanPrice> prices) {
        return new ServerLife(serverId, hostname, created, deleted,
                plans.stream().map(p -> new PlanPeriod(prices.apply(p.plan()), p.from())).toList());
    }

    /** The plan in force at {@code at}; before the first change, the first plan. */
    public PlanPrice planAt(Instant at) {
        PlanPrice current = plans.get(0).plan();
        for (PlanPeriod p : plans) {
            if (!p.from().isAfter(at)) {
                current = p.plan();
            }
        }
        return current;
    }
}
