package io.innkeeper.orders;

import java.util.Map;

import io.innkeeper.catalog.Plan;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.Money;

/**
 * The answer of an order's dry run ({@link OrderService#quote}): whether it would be accepted now and on which node,
 * or the refusals by field the order would give; and the plan's price, an hourly rate capped per calendar month
 * (null when the order names no known plan). Nothing was reserved: the order itself may still be refused.
 */
public record OrderQuote(boolean fits, String node, Map<String, String> refusals, Money hourly, Money monthly) {

    public OrderQuote {
        refusals = Map.copyOf(refusals);
    }

    static OrderQuote fits(String node, Plan plan) {
        return new OrderQuote(true, node, Map.of(), plan.hourly(), plan.monthly());
    }

    static OrderQuote refused(FieldErrors errors, Plan plan) {
        return new OrderQuote(false, null, new java.util.LinkedHashMap<>(errors.asMap()),
                plan == null ? null : plan.hourly(), plan == null ? null : plan.monthly());
    }
}
