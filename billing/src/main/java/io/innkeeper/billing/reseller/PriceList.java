package io.innkeeper.billing.reseller;

import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.innkeeper.billing.rating.PlanPrice;
import io.innkeeper.billing.rating.Prices;
import io.innkeeper.kernel.Money;

/**
 * What a reseller charges its customers, in its own currency: per plan code an hourly price and a monthly cap, and
 * its prices for traffic over the pool and for snapshots. Rating takes it as input through {@link #price}; the rule
 * (started hours, capped per month) stays {@link io.innkeeper.billing.rating.Rating}'s.
 */
public record PriceList(UUID resellerId, Currency currency, Map<String, Rate> rates, Prices prices) {

    /** The reseller's price for one plan. */
    public record Rate(Money hourly, Money monthlyCap) {
    }

    public PriceList {
        Objects.requireNonNull(currency, "currency");
        rates = Map.copyOf(rates);
    }

    /**
     * The platform's plan {@code platform} (of code {@code code}) at the reseller's price; its name and included
     * traffic stay the plan's. A plan the reseller has no price for cannot be invoiced.
     */
    public PlanPrice price(PlanPrice platform, String code) {
        Rate rate = rates.get(code);
        if (rate == null) {
            throw new IllegalArgumentException("the reseller's price list has no price for plan " + code);
        }
        return new PlanPrice(platform.planId(), platform.name(), rate.hourly(), rate.monthlyCap(),
                platform.trafficGb());
    }
}
