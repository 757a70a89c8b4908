package io.innkeeper.billing.invoice;

import java.time.ZoneId;
import java.util.Currency;
import java.util.UUID;

import io.innkeeper.billing.tax.TaxCustomer;

/**
 * A tenant the platform invoices: a direct customer or a reseller (which pays for its customers too), and who it is
 * for VAT.
 */
public record BilledTenant(UUID id, String name, Currency currency, ZoneId zone, TaxCustomer taxCustomer) {
}
