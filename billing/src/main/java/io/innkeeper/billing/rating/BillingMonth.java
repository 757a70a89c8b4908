package io.innkeeper.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A calendar month in a tenant's time zone, as the half-open interval of instants it covers. Its first and last
 * instants are worked out once: rating asks for them for every hour of every server.
 */
public final class BillingMonth {

    private final YearMonth month;
    private final ZoneId zone;
    private final Instant start;
    private final Instant end;

    public BillingMonth(YearMonth month, ZoneId zone) {
        this.month = Objects.requireNonNull(month, "month");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.start = month.atDay(1).atStartOfDay(zone).toInstant();
        this.end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public YearMonth month() {
        return month;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
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
    public boolean equals(Object o) {
        return o instanceof BillingMonth other && month.equals(other.month) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(month, zone);
    }

    @Override
    public String toString() {
        return month.toString();
    }
}
