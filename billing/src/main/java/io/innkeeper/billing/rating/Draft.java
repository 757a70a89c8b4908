package io.innkeeper.billing.rating;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import io.innkeeper.kernel.Money;

/**
 * A month's bill before it is stored: its lines and their total, which is the sum of the rounded lines. Also the
 * traffic figures behind the traffic line: bytes sent and the pool they are measured against.
 */
public record Draft(BillingMonth month, Currency currency, List<Line> lines, Money total, long txBytes,
        BigDecimal poolBytes) {

    public Draft {
        lines = List.copyOf(lines);
        Money sum = lines.stream().map(Line::amount).reduce(Money.zero(currency), Money::plus);
        if (sum.amount().compareTo(total.amount()) != 0) {
            throw new IllegalArgumentException("total " + total + " is not the sum of the lines " + sum);
        }
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
