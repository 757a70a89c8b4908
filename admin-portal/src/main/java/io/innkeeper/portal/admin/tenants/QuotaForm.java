package io.innkeeper.portal.admin.tenants;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.quota.QuotaLimits;

/**
 * The quota form as typed. Field names are those {@link io.innkeeper.quota.QuotaRules} names in its refusals, so a
 * refusal lands next to its field. The running limits may be empty: no separate limit.
 */
public record QuotaForm(String servers, String vcpus, String memory, String disk, String ipv4, String snapshots,
        String runningServers, String runningVcpus, String runningMemory) {

    public static QuotaForm of(QuotaLimits q) {
        return new QuotaForm(s(q.servers()), s(q.vcpus()), s(q.memoryMib()), s(q.diskGib()), s(q.ipv4()),
                s(q.snapshots()), s(q.runningServers()), s(q.runningVcpus()), s(q.runningMemoryMib()));
    }

    public QuotaLimits parse() {
        FieldErrors e = new FieldErrors();
        long sv = required(servers, "servers", "Servers", e);
        long cpu = required(vcpus, "vcpus", "vCPUs", e);
        long mem = required(memory, "memory", "Memory (MiB)", e);
        long dsk = required(disk, "disk", "Disk (GiB)", e);
        long ip = required(ipv4, "ipv4", "IPv4 addresses", e);
        long snap = required(snapshots, "snapshots", "Snapshots", e);
        Long rs = optional(runningServers, "running_servers", "Running servers", e);
        Long rc = optional(runningVcpus, "running_vcpus", "Running vCPUs", e);
        Long rm = optional(runningMemory, "running_memory", "Running memory (MiB)", e);
        e.throwIfAny();
        return new QuotaLimits((int) sv, (int) cpu, mem, dsk, (int) ip, (int) snap, rs == null ? null : rs.intValue(),
                rc == null ? null : rc.intValue(), rm);
    }

    private static long required(String raw, String field, String label, FieldErrors e) {
        try {
            long v = Long.parseLong(raw == null ? "" : raw.strip());
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        e.add(field, label + " must be a whole number from 0 to " + Integer.MAX_VALUE + ".");
        return 0;
    }

    private static Long optional(String raw, String field, String label, FieldErrors e) {
        return raw == null || raw.isBlank() ? null : required(raw, field, label + " (empty for no separate limit)", e);
    }

    private static String s(Object o) {
        return o == null ? "" : o.toString();
    }
}
