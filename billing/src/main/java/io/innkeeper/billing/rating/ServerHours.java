package io.innkeeper.billing.rating;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The started hours of a server that fall in a month. Hours run from the server's creation: hour k covers
 * {@code [created + k h, created + (k+1) h)}, every hour begun before deletion is billed, whatever the power state,
 * and an hour belongs to the month and the plan in force where it starts. So no hour is billed twice across a
 * month boundary, in any time zone, and a plan change takes effect from the next hour that starts after it.
 */
public final class ServerHours {

    private static final long HOUR = 3600;

    private ServerHours() {
    }

    /** Hours on one plan: how many, and the span from the first hour's start to the last hour's end. */
    public record PlanHours(PlanPrice plan, long hours, Instant from, Instant to) {
    }

    /** The server's hours in {@code month} that started before {@code until}, per plan, in order of first use. */
    public static List<PlanHours> inMonth(ServerLife server, BillingMonth month, Instant until) {
        Instant end = server.deleted() == null || server.deleted().isAfter(until) ? until : server.deleted();
        long lived = Duration.between(server.created(), end).toSeconds();
        if (lived <= 0) {
            return List.of();
        }
        long total = ceilDiv(lived, HOUR);
        long first = Math.max(0, ceilDiv(Duration.between(server.created(), month.start()).toSeconds(), HOUR));
        Map<UUID, long[]> counts = new LinkedHashMap<>();
        Map<UUID, PlanPrice> plans = new LinkedHashMap<>();
        Map<UUID, Instant[]> spans = new LinkedHashMap<>();
        // From hour "first" on, every hour starts in the month or after it; hours on one plan come in runs,
        // each added to its plan's count and span when the plan changes (or the month ends).
        Instant monthEnd = month.end();
        PlanPrice runPlan = null;
        long runHours = 0;
        Instant runFrom = null;
        for (long k = first; k <= total; k++) {
            Instant start = server.created().plusSeconds(k * HOUR);
            PlanPrice plan = k < total && start.isBefore(monthEnd) ? server.planAt(start) : null;
            if (plan != runPlan && runPlan != null) {
                Instant from = runFrom;
                plans.putIfAbsent(runPlan.planId(), runPlan);
                counts.computeIfAbsent(runPlan.planId(), id -> new long[1])[0] += runHours;
                spans.computeIfAbsent(runPlan.planId(), id -> new Instant[] { from, null })[1] = start;
            }
            if (plan == null) {
                break;
            }
            if (plan != runPlan) {
                runPlan = plan;
                runHours = 0;
                runFrom = start;
            }
            runHours++;
        }
        List<PlanHours> result = new ArrayList<>();
        plans.forEach((id, plan) -> result.add(new PlanHours(plan, counts.get(id)[0], spans.get(id)[0],
                spans.get(id)[1])));
        return result;
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? -Math.floorDiv(-a, b) : Math.floorDiv(a + b - 1, b);
    }
}
