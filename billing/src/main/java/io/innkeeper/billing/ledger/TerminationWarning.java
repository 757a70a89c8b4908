package io.innkeeper.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/**
 * An overdue invoice's account will be terminated at {@code terminateAt} unless {@code outstanding} is paid. Fired
 * synchronously in the dunning step's transaction, so the core's outbox records it in that transaction too.
 */
public record TerminationWarning(UUID tenantId, UUID invoiceId, String number, Money outstanding,
        Instant terminateAt) {
}
