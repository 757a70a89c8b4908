/**
 * Metering and billing: meters, rating, invoices, the credit ledger and dunning. It depends only on the shared
 * kernel ({@code io.innkeeper.kernel}, for example {@code Money}); the core calls it, never the other way round.
 */
package io.innkeeper.billing;
