package io.innkeeper.quota;

import java.util.ArrayList;
import java.util.List;

/**
 * Quota arithmetic, free of the database: which limits an order would break, said so a customer knows what to do,
 * for example "vCPU quota: 7 of 8 in use, this plan needs 2".
 */
public final class QuotaRules {

    private QuotaRules() {
    }

    /** One broken limit. */
    public record Refusal(String resource, long used, long limit, long needed, String message) {
    }

    /** The limits {@code need} would break; empty when it fits. {@code scope} names whose limits these are. */
    public static List<Refusal> refusals(String scope, QuotaLimits limits, Usage used, Need need) {
        List<Refusal> out = new ArrayList<>();
        if (need.totals()) {
            check(out, scope, "server", "servers", used.servers(), limits.servers(), need.servers(), "");
            check(out, scope, "vCPU", "vcpus", used.vcpus(), limits.vcpus(), need.vcpus(), "");
            check(out, scope, "memory", "memory", used.memoryMib(), limits.memoryMib(), need.memoryMib(), " MiB");
            check(out, scope, "disk", "disk", used.diskGib(), limits.diskGib(), need.diskGib(), " GiB");
            check(out, scope, "IPv4 address", "ipv4", used.ipv4(), limits.ipv4(), need.ipv4(), "");
            check(out, scope, "snapshot", "snapshots", used.snapshots(), limits.snapshots(), need.snapshots(), "");
        }
        if (need.running()) {
            checkRunning(out, scope, "running server", "running_servers", used.runningServers(),
                    limits.runningServers(), need.servers(), "");
            checkRunning(out, scope, "running vCPU", "running_vcpus", used.runningVcpus(), limits.runningVcpus(),
                    need.vcpus(), "");
            checkRunning(out, scope, "running memory", "running_memory", used.runningMemoryMib(),
                    limits.runningMemoryMib(), need.memoryMib(), " MiB");
        }
        return out;
    }

    /**
     * Everything a tenant's orders are checked against, read once: the new-account cap while it awaits approval
     * (null otherwise), its own limits and what it (its pool, for a reseller) uses, and its reseller's limits and
     * pool use (null for a tenant without a reseller). {@code scope} names whose limits the own ones are.
     */
    public record Standing(String scope, QuotaLimits newAccountCap, QuotaLimits limits, Usage used,
            QuotaLimits resellerLimits, Usage resellerUsed) {
    }

    /**
     * The limits {@code need} would break for a tenant of this standing: first a new account's limit (named as such),
     * then the tenant's quota, then its reseller's pool. The one definition of "an order that fits the quotas".
     */
    public static List<Refusal> refusals(Standing standing, Need need) {
        List<Refusal> out = new ArrayList<>();
        if (standing.newAccountCap() != null) {
            out.addAll(newAccountRefusals(standing.newAccountCap(), standing.used(), need));
        }
        out.addAll(refusals(standing.scope(), standing.limits(), standing.used(), need));
        if (standing.resellerLimits() != null) {
            out.addAll(refusals("Your reseller's", standing.resellerLimits(), standing.resellerUsed(), need));
        }
        return out;
    }

    /**
     * How many more orders of {@code each} fit a tenant of this standing, counted up to {@code cap}: the largest n for
     * which n of them together meet no {@link #refusals(Standing, Need)}. Found by bisection over that rule itself,
     * so it can never disagree with the check an order meets.
     */
    public static long howMany(Standing standing, Need each, long cap) {
        long low = 0;
        long high = cap;
        while (low < high) {
            long mid = low + (high - low + 1) / 2;
            if (refusals(standing, times(each, mid)).isEmpty()) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** {@code n} orders of {@code each} together. */
    static Need times(Need each, long n) {
        return new Need(Math.toIntExact(each.servers() * n), Math.toIntExact(each.vcpus() * n),
                each.memoryMib() * n, each.diskGib() * n, Math.toIntExact(each.ipv4() * n),
                Math.toIntExact(each.snapshots() * n), each.running(), each.totals());
    }

    /**
     * The limits of a new account (one that signed itself up and awaits approval) that {@code need} would break,
     * each said as the rule it is, for example "New accounts may have 1 server until approved (1 in use)."
     */
    public static List<Refusal> newAccountRefusals(QuotaLimits cap, Usage used, Need need) {
        List<Refusal> out = new ArrayList<>();
        if (need.totals()) {
            capped(out, "server", "servers", used.servers(), cap.servers(), need.servers(), "");
            capped(out, "vCPU", "vcpus", used.vcpus(), cap.vcpus(), need.vcpus(), "");
            capped(out, "MiB of memory", "memory", used.memoryMib(), cap.memoryMib(), need.memoryMib(), " MiB");
            capped(out, "GiB of disk", "disk", used.diskGib(), cap.diskGib(), need.diskGib(), " GiB");
            capped(out, "IPv4 address", "ipv4", used.ipv4(), cap.ipv4(), need.ipv4(), "");
            capped(out, "snapshot", "snapshots", used.snapshots(), cap.snapshots(), need.snapshots(), "");
        }
        return out;
    }

    /** Each limit the smaller of the two; a running limit missing on one is the other's. */
    public static QuotaLimits min(QuotaLimits a, QuotaLimits b) {
        return new QuotaLimits(Math.min(a.servers(), b.servers()), Math.min(a.vcpus(), b.vcpus()),
                Math.min(a.memoryMib(), b.memoryMib()), Math.min(a.diskGib(), b.diskGib()),
                Math.min(a.ipv4(), b.ipv4()), Math.min(a.snapshots(), b.snapshots()),
                smaller(a.runningServers(), b.runningServers()), smaller(a.runningVcpus(), b.runningVcpus()),
                smaller(a.runningMemoryMib(), b.runningMemoryMib()));
    }

    private static <N extends Number & Comparable<N>> N smaller(N a, N b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    private static void capped(List<Refusal> out, String label, String resource, long used, long cap, long needed,
            String unit) {
        if (needed > 0 && used + needed > cap) {
            boolean units = !unit.isEmpty();
            String what = units ? cap + " " + label : cap + " " + label + (cap == 1 ? "" : "s");
            out.add(new Refusal(resource, used, cap, needed, "New accounts may have " + what + " until approved ("
                    + used + unit + " in use, this " + (units ? "plan" : "order") + " needs " + needed + unit
                    + "). Ask your provider to approve your account."));
        }
    }

    /** What is left under each limit, never below zero. */
    public static Usage remaining(QuotaLimits limits, Usage used) {
        return new Usage(left(limits.servers(), used.servers()), left(limits.vcpus(), used.vcpus()),
                left(limits.memoryMib(), used.memoryMib()), left(limits.diskGib(), used.diskGib()),
                left(limits.ipv4(), used.ipv4()), left(limits.snapshots(), used.snapshots()),
                limits.runningServers() == null ? left(limits.servers(), used.servers())
                        : left(limits.runningServers(), used.runningServers()),
                limits.runningVcpus() == null ? left(limits.vcpus(), used.vcpus())
                        : left(limits.runningVcpus(), used.runningVcpus()),
                limits.runningMemoryMib() == null ? left(limits.memoryMib(), used.memoryMib())
                        : left(limits.runningMemoryMib(), used.runningMemoryMib()));
    }

    /**
     * The limits a reseller's customers would hold together if one of them got {@code proposed}: a pool can never
     * promise more than it has. Returns the broken limits of the pool.
     */
    public static List<Refusal> poolRefusals(QuotaLimits pool, QuotaLimits othersTogether, QuotaLimits proposed) {
        List<Refusal> out = new ArrayList<>();
        give(out, "server", "servers", othersTogether.servers(), pool.servers(), proposed.servers(), "");
        give(out, "vCPU", "vcpus", othersTogether.vcpus(), pool.vcpus(), proposed.vcpus(), "");
        give(out, "memory", "memory", othersTogether.memoryMib(), pool.memoryMib(), proposed.memoryMib(), " MiB");
        give(out, "disk", "disk", othersTogether.diskGib(), pool.diskGib(), proposed.diskGib(), " GiB");
        give(out, "IPv4 address", "ipv4", othersTogether.ipv4(), pool.ipv4(), proposed.ipv4(), "");
        give(out, "snapshot", "snapshots", othersTogether.snapshots(), pool.snapshots(), proposed.snapshots(), "");
        return out;
    }

    private static void check(List<Refusal> out, String scope, String label, String resource, long used, long limit,
            long needed, String unit) {
        if (needed > 0 && used + needed > limit) {
            out.add(new Refusal(resource, used, limit, needed, scope + " " + label + " quota: " + used + unit + " of "
                    + limit + unit + " in use, this " + (needed == 1 && unit.isEmpty() ? "order" : "plan")
                    + " needs " + needed + unit + "."));
        }
    }

    private static void checkRunning(List<Refusal> out, String scope, String label, String resource, long used,
            Number limit, long needed, String unit) {
        if (limit != null) {
            check(out, scope, label, resource, used, limit.longValue(), needed, unit);
        }
    }

    private static void give(List<Refusal> out, String label, String resource, long given, long pool, long proposed,
            String unit) {
        if (given + proposed > pool) {
            out.add(new Refusal(resource, given, pool, proposed, "Reseller pool " + label + ": " + given + unit
                    + " of " + pool + unit + " already given to other customers, this asks " + proposed + unit
                    + "; at most " + left(pool, given) + unit + " can be given."));
        }
    }

    private static long left(long limit, long used) {
        return Math.max(0, limit - used);
    }
}
