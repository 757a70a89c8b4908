package io.innkeeper.billing.rating;

import io.innkeeper.kernel.Money;

/** The prices that are not a plan's: traffic over the pool per started GB and snapshots per GB-month. */
public record Prices(Money trafficPerGb, Money snapshotPerGbMonth) {
}
