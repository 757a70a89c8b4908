package io.innkeeper.quota;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a tenant may hold at once. The running limits are null when they do not differ from the totals (a stopped
 * server then counts only against the totals).
 */
public record QuotaLimits(int servers, int vcpus, long memoryMib, long diskGib, int ipv4, int snapshots,
        @Schema(nullable = true) Integer runningServers, @Schema(nullable = true) Integer runningVcpus,
        @Schema(nullable = true) Long runningMemoryMib) {

    public QuotaLimits {
        if (servers < 0 || vcpus < 0 || memoryMib < 0 || diskGib < 0 || ipv4 < 0 || snapshots < 0
                || negative(runningServers) || negative(runningVcpus) || negative(runningMemoryMib)) {
            throw new IllegalArgumentException("quota limits cannot be negative");
        }
    }

    private static boolean negative(Number n) {
        return n != null && n.longValue() < 0;
    }

    /** Each limit of this plus the same limit of {@code other}; a running limit missing on both stays missing. */
    public QuotaLimits plus(QuotaLimits other) {
        return new QuotaLimits(servers + other.servers, vcpus + other.vcpus, memoryMib + other.memoryMib,
                diskGib + other.diskGib, ipv4 + other.ipv4, snapshots + other.snapshots,
                sum(runningServers, other.runningServers), sum(runningVcpus, other.runningVcpus),
                sum(runningMemoryMib, other.runningMemoryMib));
    }

    public static QuotaLimits zero() {
        return new QuotaLimits(0, 0, 0, 0, 0, 0, null, null, null);
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
    }

    private static Long sum(Long a, Long b) {
        return a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
    }
}
