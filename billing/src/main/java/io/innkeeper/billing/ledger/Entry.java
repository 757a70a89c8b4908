package io.innkeeper.billing.ledger;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.kernel.Money;

/** One ledger entry as stored; {@code amount} is positive, the kind gives its direction. */
public record Entry(UUID id, Instant at, EntryKind kind, Money amount, UUID invoiceId, String reference,
        String note, String recordedBy) {
}
