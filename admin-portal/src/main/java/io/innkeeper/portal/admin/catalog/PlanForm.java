package io.innkeeper.portal.admin.catalog;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.innkeeper.catalog.PlanSpec;
import io.innkeeper.kernel.FieldErrors;
import io.innkeeper.kernel.InvalidInput;

/** The plan form as typed: every limit and price of a plan. {@link #parse} checks it field by field. */
public record PlanForm(String code, String name, String guestTypes, String vcpus, String memoryMib, String diskGib,
        String trafficGb, String portMbit, String diskIops, String diskMbyteS, String cpuShares,
        String cpuCapPercent, String hourlyPrice, String monthlyCap, String currency, boolean onSale) {

    public static PlanForm empty() {
        return new PlanForm("", "", "kvm", "1", "1024", "25", "1000", "1000", "", "", "1024", "", "", "", "EUR",
                true);
    }

    public static PlanForm of(PlanSpec p) {
        return new PlanForm(p.code(), p.name(), p.guestTypes(), str(p.vcpus()), str(p.memoryMib()), str(p.diskGib()),
                str(p.trafficGb()), str(p.portMbit()), str(p.diskIops()), str(p.diskMbyteS()), str(p.cpuShares()),
                str(p.cpuCapPercent()), p.hourlyPrice().toPlainString(), p.monthlyCap().toPlainString(), p.currency(),
                p.onSale());
    }

    /** The same form for plan {@code code}: an edit keeps the plan's code whatever the form sent. */
    public PlanForm withCode(String code) {
        return new PlanForm(code, name, guestTypes, vcpus, memoryMib, diskGib, trafficGb, portMbit, diskIops,
                diskMbyteS, cpuShares, cpuCapPercent, hourlyPrice, monthlyCap, currency, onSale);
    }

    /** The spec to publish, or {@link InvalidInput} naming each bad field. */
    public PlanSpec parse(Set<String> knownGuestTypes) {
        FieldErrors e = new FieldErrors();
        String c = strip(code);
        io.innkeeper.kernel.Codes.problem("plan", c).ifPresent(p -> e.add("code", p));
        String n = strip(name);
        if (n.isEmpty() || n.length() > 100) {
            e.add("name", "Give the plan a name of 1 to 100 characters.");
        }
        List<String> types = Arrays.stream(strip(guestTypes).split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).distinct().toList();
        if (types.isEmpty() || !knownGuestTypes.containsAll(types)) {
            e.add("guestTypes", "List the guest types the plan runs as, separated by commas, from "
                    + knownGuestTypes.stream().sorted().toList() + ".");
        }
        int cpu = number(vcpus, "vcpus", "vCPUs", 1, 512, e);
        int memory = number(memoryMib, "memoryMib", "Memory (MiB)", 64, 4_194_304, e);
        int disk = number(diskGib, "diskGib", "Disk (GiB)", 1, 1_000_000, e);
        int traffic = number(trafficGb, "trafficGb", "Traffic (GB)", 0, 10_000_000, e);
        int port = number(portMbit, "portMbit", "Port speed (Mbit/s)", 1, 400_000, e);
        Integer iops = optional(diskIops, "diskIops", "Disk IOPS", 1, 10_000_000, e);
        Integer mbs = optional(diskMbyteS, "diskMbyteS", "Disk throughput (MB/s)", 1, 100_000, e);
        int shares = number(cpuShares, "cpuShares", "CPU shares", 2, 262_144, e);
        Integer cap = optional(cpuCapPercent, "cpuCapPercent", "CPU cap (%)", 1, 100, e);
        BigDecimal hourly = price(hourlyPrice, "hourlyPrice", "Hourly price", 4, e);
        BigDecimal monthly = price(monthlyCap, "monthlyCap", "Monthly cap", 2, e);
        String cur = strip(currency).toUpperCase(java.util.Locale.ROOT);
        if (!cur.matches("[A-Z]{3}")) {
            e.add("currency", "Give the currency as a three-letter ISO code, e.g. EUR.");
        }
        e.throwIfAny();
        return new PlanSpec(c, n, String.join(",", types), cpu, memory, disk, traffic, port, iops, mbs, shares, cap,
                hourly, monthly, cur, onSale);
    }

    private static int number(String raw, String field, String label, int min, int max, FieldErrors e) {
        try {
            int v = Integer.parseInt(strip(raw));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        e.add(field, label + " must be a whole number from " + min + " to " + max + ".");
        return min;
    }

    private static Integer optional(String raw, String field, String label, int min, int max, FieldErrors e) {
        return strip(raw).isEmpty() ? null : number(raw, field, label + " (leave empty for no limit)", min, max, e);
    }

    private static BigDecimal price(String raw, String field, String label, int scale, FieldErrors e) {
        try {
            BigDecimal v = new BigDecimal(strip(raw));
            if (v.signum() >= 0 && v.scale() <= scale && v.precision() - v.scale() <= 8) {
                return v.setScale(scale);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        e.add(field, label + " must be an amount of at least 0 with at most " + scale + " decimals.");
        return BigDecimal.ZERO;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
