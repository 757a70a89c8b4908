package io.innkeeper.portal.tenant;

import java.util.List;

import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.Usage;

/** One quota as a bar: what is used of what is allowed, in a unit. */
public record QuotaBar(String label, long used, long limit, String unit) {

    /** The filled share of the bar, 0 to 100; a full or over-full quota shows full, an empty limit with use too. */
    public int percent() {
        if (limit <= 0) {
            return used > 0 ? 100 : 0;
        }
        return (int) Math.min(100, Math.round(used * 100.0 / limit));
    }

    /** A stable element id for the bar's label. */
    public String id() {
        return label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** Nearly used up: the bar turns to a warning colour. */
    public boolean high() {
        return percent() >= 90;
    }

    public static List<QuotaBar> of(QuotaLimits limits, Usage usage) {
        return List.of(
                new QuotaBar("Servers", usage.servers(), limits.servers(), ""),
                new QuotaBar("vCPUs", usage.vcpus(), limits.vcpus(), ""),
                new QuotaBar("Memory", usage.memoryMib(), limits.memoryMib(), "MiB"),
                new QuotaBar("Disk", usage.diskGib(), limits.diskGib(), "GiB"),
                new QuotaBar("Public IPv4 addresses", usage.ipv4(), limits.ipv4(), ""),
                new QuotaBar("Snapshots", usage.snapshots(), limits.snapshots(), ""));
    }
}
