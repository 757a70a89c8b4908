package io.innkeeper.quota;

import java.util.UUID;

/**
 * An account's use of one quota dimension reached a step (80 or 100 %, see {@link io.innkeeper.kernel.UsageSteps}) it
 * had not been told of. Fired synchronously inside the transaction of the order or resize that made it, so observers
 * (the core's outbox) write in that transaction too.
 */
public record QuotaThresholdCrossed(UUID tenantId, String dimension, int level, int percent, long used, long limit) {
}
