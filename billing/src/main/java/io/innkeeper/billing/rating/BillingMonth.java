package io.innkeeper.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/** A calendar month in a tenant's time zone, as the half-open interval of instants it covers. */
public record BillingMonth(YearMonth month, ZoneId zone) {

    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    /** Length of the month in hours, exact: 743 for a month that springs forward, 745 for one that falls back. */
    public BigDecimal hours() {
        return BigDecimal.valueOf(Duration.between(start(), end()).toSeconds())
                .divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_EVEN);
    }

    /** The month, in {@code zone}, that contains {@code at}. */
    public static BillingMonth of(Instant at, ZoneId zone) {
        return new BillingMonth(YearMonth.from(at.atZone(zone)), zone);
    }

    public BillingMonth previous() {
        return new BillingMonth(month.minusMonths(1), zone);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
