package io.innkeeper.portal.tenant;

import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.quota.QuotaLimits;

/** A customer's quota as typed into the reseller's form: whole numbers, checked field by field. */
public record QuotaForm(String servers, String vcpus, String memoryMib, String diskGib, String ipv4,
        String snapshots) {

    static QuotaForm of(QuotaLimits limits) {
        return new QuotaForm(String.valueOf(limits.servers()), String.valueOf(limits.vcpus()),
                String.valueOf(limits.memoryMib()), String.valueOf(limits.diskGib()), String.valueOf(limits.ipv4()),
                String.valueOf(limits.snapshots()));
    }

    /** The limits typed, or {@link io.innkeeper.kernel.InvalidInput} naming each field that is not a count. */
    QuotaLimits limits() {
        FieldErrors errors = new FieldErrors();
        long s = count("servers", servers, errors);
        long v = count("vcpus", vcpus, errors);
        long m = count("memory", memoryMib, errors);
        long d = count("disk", diskGib, errors);
        long i = count("ipv4", ipv4, errors);
        long n = count("snapshots", snapshots, errors);
        errors.throwIfAny();
        return new QuotaLimits((int) s, (int) v, m, d, (int) i, (int) n, null, null, null);
    }

    private static long count(String field, String raw, FieldErrors errors) {
        try {
            long value = Long.parseLong(raw == null ? "" : raw.strip());
            if (value >= 0 && value <= Integer.MAX_VALUE) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, "Enter a whole number from 0 up.");
        return 0;
    }
}
