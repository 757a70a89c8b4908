package io.innkeeper.billing.rating;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import io.innkeeper.kernel.Money;

/**
 * A tenant's bill for one month, from its servers' lives, its outbound bytes and its snapshots:
 * <ul>
 * <li>each server pays its plan's hourly price for every started hour (see {@link ServerHours}), at most the plan's
 * monthly price per plan in the month;
 * <li>outbound traffic is pooled: each server adds its plan's allowance times the share of the month's hours it
 * was billed for; bytes over the pool cost the traffic price per started GB (10^9 bytes); inbound is free;
 * <li>snapshots cost the GB-month price times their size times the share of the month they were kept.
 * </ul>
 * Every line is rounded once with {@link Money#ROUNDING}; the total is the sum of the rounded lines.
 */
public final class Rating {

    public static final long BYTES_PER_GB = 1_000_000_000L;

    private static final MathContext EXACT = MathContext.DECIMAL128;

    private Rating() {
    }

    /** The bill for the month's hours started before {@code until} (the month's end for a final invoice). */
    public static Draft rate(BillingMonth month, Instant until, Currency currency, List<ServerLife> servers,
            long txBytes, List<SnapshotLife> snapshots, Prices prices) {
        Instant cut = until.isAfter(month.end()) ? month.end() : until;
        BigDecimal monthHours = month.hours();
        List<Line> lines = new ArrayList<>();
        BigDecimal pool = BigDecimal.ZERO;
        List<ServerLife> ordered = servers.stream()
                .sorted(Comparator.comparing(ServerLife::created).thenComparing(ServerLife::serverId)).toList();
        for (ServerLife server : ordered) {
            for (ServerHours.PlanHours ph : ServerHours.inMonth(server, month, cut)) {
                PlanPrice plan = ph.plan();
                requireCurrency(plan.hourly(), currency);
                Money full = plan.hourly().times(ph.hours());
                Money charged = full.min(plan.monthlyCap());
                boolean capped = full.amount().compareTo(plan.monthlyCap().amount()) > 0;
                String description = server.hostname() + " on " + plan.name() + ": " + ph.hours() + " h × "
                        + plan.hourly() + (capped ? ", capped at the monthly " + plan.monthlyCap() : "");
                lines.add(new Line(LineKind.SERVER, description, server.serverId(), plan.planId(),
                        BigDecimal.valueOf(ph.hours()), "h", plan.hourly(), charged.rounded(), ph.from(), ph.to()));
                BigDecimal share = BigDecimal.valueOf(ph.hours()).min(monthHours).divide(monthHours, EXACT);
                pool = pool.add(BigDecimal.valueOf(plan.trafficGb()).multiply(BigDecimal.valueOf(BYTES_PER_GB))
                        .multiply(share, EXACT));
            }
        }
        if (!lines.isEmpty() || txBytes > 0) {
            lines.add(traffic(month, cut, txBytes, pool, prices, currency));
        }
        for (SnapshotLife snapshot : snapshots) {
            snapshot(month, cut, snapshot, prices, currency).ifPresent(lines::add);
        }
        // Rounded, so a month with no lines yet reads EUR 0.00 like one whose lines are all zero, not EUR 0.
        Money total = lines.stream().map(Line::amount).reduce(Money.zero(currency), Money::plus).rounded();
        return new Draft(month, currency, lines, total, txBytes, pool);
    }

    /** Started GB over the pool: none at or under it, one for a single byte over. */
    public static long overageGb(long txBytes, BigDecimal poolBytes) {
        BigDecimal over = BigDecimal.valueOf(txBytes).subtract(poolBytes);
        if (over.signum() <= 0) {
            return 0;
        }
        return over.divide(BigDecimal.valueOf(BYTES_PER_GB), 0, RoundingMode.CEILING).longValueExact();
    }

    private static Line traffic(BillingMonth month, Instant cut, long txBytes, BigDecimal pool, Prices prices,
            Currency currency) {
        requireCurrency(prices.trafficPerGb(), currency);
        long overGb = overageGb(txBytes, pool);
        long poolBytes = pool.setScale(0, RoundingMode.FLOOR).longValueExact();
        String description = String.format("Outbound traffic: %,d bytes sent, pool %,d bytes; %,d GB over × %s",
                txBytes, poolBytes, overGb, prices.trafficPerGb());
        return new Line(LineKind.TRAFFIC, description, null, null, BigDecimal.valueOf(overGb), "GB",
                prices.trafficPerGb(), prices.trafficPerGb().times(overGb).rounded(), month.start(), cut);
    }

    private static Optional<Line> snapshot(BillingMonth month, Instant cut, SnapshotLife s, Prices prices,
            Currency currency) {
        Instant from = s.created().isBefore(month.start()) ? month.start() : s.created();
        Instant to = s.deleted() == null || s.deleted().isAfter(cut) ? cut : s.deleted();
        long seconds = Duration.between(from, to).toSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        requireCurrency(prices.snapshotPerGbMonth(), currency);
        BigDecimal hours = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 0, RoundingMode.CEILING);
        BigDecimal gbMonths = BigDecimal.valueOf(s.sizeGib()).multiply(hours).divide(month.hours(), EXACT);
        Money amount = new Money(prices.snapshotPerGbMonth().amount().multiply(gbMonths, EXACT), currency);
        String description = String.format("Snapshot %s of %s: %d GB for %s h × %s per GB-month", s.name(),
                s.hostname(), s.sizeGib(), hours.toPlainString(), prices.snapshotPerGbMonth());
        return Optional.of(new Line(LineKind.SNAPSHOT, description, s.serverId(), null,
                gbMonths.setScale(6, RoundingMode.HALF_EVEN), "GB-month", prices.snapshotPerGbMonth(),
                amount.rounded(), from, to));
    }

    private static void requireCurrency(Money price, Currency currency) {
        if (!price.currency().equals(currency)) {
            throw new IllegalArgumentException("a price in " + price.currency() + " on an invoice in " + currency);
        }
    }
}
