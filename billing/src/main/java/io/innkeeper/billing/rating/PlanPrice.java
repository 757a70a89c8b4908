package io.innkeeper.billing.rating;

import java.util.Objects;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/** What a plan costs: per started hour, at most per calendar month, and the outbound traffic it includes. */
public record PlanPrice(UUID planId, String name, Money hourly, Money monthlyCap, long trafficGb) {

    public PlanPrice {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(hourly, "hourly");
        Objects.requireNonNull(monthlyCap, "monthlyCap");
        if (!hourly.currency().equals(monthlyCap.currency())) {
            throw new IllegalArgumentException("hourly price and cap in different currencies");
        }
    }
}
