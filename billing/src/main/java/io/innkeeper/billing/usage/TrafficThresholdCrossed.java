package io.innkeeper.billing.usage;

import java.util.UUID;

/**
 * A billed tenant's outbound traffic of a month reached a step of its pooled allowance (80 or 100 %, see
 * {@link io.innkeeper.kernel.UsageSteps}) it had not been told of that month. Fired synchronously inside the
 * transaction that remembered the step, so observers (the core's outbox) write in that transaction too; billing
 * knows nothing of them.
 */
public record TrafficThresholdCrossed(UUID tenantId, String period, int level, int percent, long txBytes,
        long poolBytes) {
}
