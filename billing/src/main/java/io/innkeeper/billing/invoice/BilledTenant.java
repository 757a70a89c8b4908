package io.innkeeper.billing.invoice;

import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;

/** A tenant the platform invoices: a direct customer or a reseller (which pays for its customers too). */
public record BilledTenant(UUID id, String name, Currency currency, ZoneId zone) {
}
