package io.innkeeper.billing.invoice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One invoice run: when, for which month (null for "each tenant's last month"), and what it did per tenant. */
public record RunResult(UUID id, String period, Instant startedAt, Instant finishedAt, String requestedBy,
        List<Outcome> outcomes) {

    public long count(Outcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).count();
    }
}
