package io.innkeeper.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * One invoice line: what it bills, how much of it at what unit price, and the amount, rounded once. The server
 * (null for the tenant's traffic) and the span say which hourly usage lies behind it.
 */
public record Line(LineKind kind, String description, UUID serverId, UUID planId, BigDecimal quantity, String unit,
        Money unitPrice, Money amount, Instant usageFrom, Instant usageTo) {
}
