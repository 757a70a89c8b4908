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
                    + "."));
        }
    }

    private static long left(long limit, long used) {
        return Math.max(0, limit - used);
    }
}
