package io.innkeeper.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * IP addresses as people read them: IPv6 in the canonical text of RFC 5952 ({@code ::1}, not
 * {@code 0:0:0:0:0:0:0:1}), which Java's own {@code getHostAddress} does not write. Text that is not an address
 * literal is left as it is; nothing is ever looked up in DNS.
 */
public final class IpText {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");

    private IpText() {
    }

    /** The canonical text of an IPv6 address literal; anything else (IPv4, a name, null) unchanged. */
    public static String canonical(String text) {
        if (text == null || !IPV6_LITERAL.matcher(text.strip()).matches()) {
            return text;
        }
        String literal = text.strip();
        int zone = literal.indexOf('%');
        String address = zone < 0 ? literal : literal.substring(0, zone);
        byte[] bytes;
        try {
            // Only a literal of hex digits, colons and dots reaches InetAddress, so it never asks DNS.
            InetAddress parsed = InetAddress.getByName(address);
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            bytes = parsed.getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return text;
        }
        return format(bytes) + (zone < 0 ? "" : literal.substring(zone));
    }

    /** RFC 5952, section 4: lower-case hex without leading zeros, the longest run of two or more zero groups as ::. */
    static String format(byte[] sixteen) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (sixteen[2 * i] & 0xff) << 8 | sixteen[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
