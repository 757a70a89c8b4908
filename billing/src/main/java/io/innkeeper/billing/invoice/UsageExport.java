package io.innkeeper.billing.invoice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.billing.BillingConfig;
import io.innkeeper.billing.rating.BillingMonth;
import io.innkeeper.billing.rating.Draft;
import io.innkeeper.billing.rating.Line;
import io.innkeeper.billing.rating.Prices;
import io.innkeeper.billing.rating.Rating;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;

/**
 * One account's usage in one month, rated at the platform's prices, for a reseller to bill its customer again (or a
 * customer to check its bill): the lines an invoice would have for the account's own servers (a reseller's own,
 * without its customers', which are each exported on their own), rated by the same
 * {@link Rating} as every invoice, in the payer's currency and over the payer's calendar month (the payer is the
 * account, or its reseller when the reseller pays). A month not over yet is rated up to now. Nothing is stored.
 */
@ApplicationScoped
public class UsageExport {

    /** One line: what it bills, for which server, how much at what unit price, and over which span. */
    public record UsageLine(String kind, UUID server, String hostname, UUID plan, String description,
            BigDecimal quantity, String unit, Money unitPrice, Money amount, Instant usageFrom, Instant usageTo) {
    }

    /** An account's month: the span it covers, the lines, their total and the outbound bytes behind the traffic. */
    public record MonthUsage(UUID account, YearMonth month, Instant periodStart, Instant periodEnd, Instant ratedUntil,
            String currency, List<UsageLine> lines, Money total, long txBytes) {

        public MonthUsage {
            lines = List.copyOf(lines);
        }
    }

    @Inject
    BillingInputs inputs;

    @Inject
    BillingConfig config;

    @Inject
    Clock clock;

    /**
     * The account's usage in {@code month}; empty for an account that does not exist. A month that has not begun is
     * refused, naming {@code month}.
     */
    @Transactional
    public Optional<MonthUsage> of(UUID accountId, YearMonth month) {
        Optional<BilledTenant> payer = inputs.payer(accountId);
        if (payer.isEmpty()) {
            return Optional.empty();
        }
        BilledTenant biller = payer.get();
        BillingMonth span = new BillingMonth(month, biller.zone());
        Instant now = clock.instant();
        if (!span.start().isBefore(now)) {
            throw new InvalidInput(new FieldErrors().add("month", "The month " + month + " has not begun yet."));
        }
        Instant until = span.end().isAfter(now) ? now : span.end();
        BillingInputs.Inputs in = inputs.load(accountId, span, false);
        Prices prices = new Prices(new Money(config.trafficOveragePerGb(), biller.currency()),
                new Money(config.snapshotPerGbMonth(), biller.currency()));
        Draft draft = Rating.rate(span, until, biller.currency(), in.servers(), in.txBytes(), in.snapshots(), prices);
        Map<UUID, String> hostnames = new HashMap<>();
        in.servers().forEach(s -> hostnames.put(s.serverId(), s.hostname()));
        List<UsageLine> lines = draft.lines().stream().map(l -> line(l, hostnames)).toList();
        return Optional.of(new MonthUsage(accountId, month, span.start(), span.end(), until,
                biller.currency().getCurrencyCode(), lines, draft.total(), draft.txBytes()));
    }

    private static UsageLine line(Line l, Map<UUID, String> hostnames) {
        return new UsageLine(l.kind().name(), l.serverId(), l.serverId() == null ? null : hostnames.get(l.serverId()),
                l.planId(), l.description(), l.quantity(), l.unit(), l.unitPrice(), l.amount(), l.usageFrom(),
                l.usageTo());
    }
}
