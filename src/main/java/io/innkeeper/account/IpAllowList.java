package io.innkeeper.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The addresses a token may be used from: IPv4 or IPv6 addresses and CIDR ranges. An empty list allows any address.
 * Only literal addresses are accepted, so parsing never looks a name up.
 */
public record IpAllowList(List<Range> ranges) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_ENTRIES = 50;

    /** One address range: the network's bytes and how many leading bits must match. */
    public record Range(byte[] network, int bits, String text) {
    }

    public IpAllowList {
        ranges = List.copyOf(ranges);
    }

    public static IpAllowList any() {
        return new IpAllowList(List.of());
    }

    /**
     * Parses entries such as {@code 203.0.113.7}, {@code 198.51.100.0/24} or {@code 2001:db8::/32}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static IpAllowList parse(List<String> entries) {
        if (entries == null) {
            return any();
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("At most " + MAX_ENTRIES + " entries.");
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw == null ? "" : raw.strip();
            String address = entry;
            Integer bits = null;
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                address = entry.substring(0, slash);
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(bad(entry));
                }
            }
            byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException(bad(entry)));
            int max = bytes.length * 8;
            int prefix = bits == null ? max : bits;
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException(bad(entry));
            }
            ranges.add(new Range(bytes, prefix, entry));
        }
        return new IpAllowList(ranges);
    }

    /** Reads the form the database keeps: entries separated by commas; null or empty allows any address. */
    public static IpAllowList stored(String text) {
        return text == null || text.isBlank() ? any() : parse(List.of(text.split(",")));
    }

    public String stored() {
        return ranges.isEmpty() ? null : String.join(",", texts());
    }

    public List<String> texts() {
        return ranges.stream().map(Range::text).toList();
    }

    public boolean allows(String address) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] bytes = address == null ? null : literal(address).orElse(null);
        if (bytes == null) {
            return false;
        }
        return ranges.stream().anyMatch(r -> matches(r, bytes));
    }

    private static boolean matches(Range range, byte[] address) {
        if (range.network().length != address.length) {
            return false;
        }
        int full = range.bits() / 8;
        for (int i = 0; i < full; i++) {
            if (range.network()[i] != address[i]) {
                return false;
            }
        }
        int rest = range.bits() % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (range.network()[full] & mask) == (address[full] & mask);
    }

    private static java.util.Optional<byte[]> literal(String text) {
        if (!LITERAL.matcher(text).matches() || (!text.contains(":") && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    private static String bad(String entry) {
        return "'" + entry + "' is not an IP address or CIDR range (such as 203.0.113.7 or 198.51.100.0/24).";
    }
}
