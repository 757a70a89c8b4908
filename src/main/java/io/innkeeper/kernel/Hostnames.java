package io.innkeeper.kernel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Hostname rules of RFC 1123: dot-separated labels of letters, digits and inner hyphens, 253 characters at most. */
public final class Hostnames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Hostnames() {
    }

    /** The normalised (lower-case, trimmed) hostname. */
    public static String normalise(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    /** Why the hostname is not acceptable, or empty when it is. */
    public static Optional<String> problem(String hostname) {
        if (hostname.isEmpty()) {
            return Optional.of("Enter a hostname.");
        }
        if (hostname.length() > 253) {
            return Optional.of("A hostname has at most 253 characters.");
        }
        for (String label : hostname.split("\\.", -1)) {
            if (label.isEmpty()) {
                return Optional.of("A hostname cannot start or end with a dot or contain two dots in a row.");
            }
            if (label.length() > 63) {
                return Optional.of("Each part between dots has at most 63 characters.");
            }
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("Use only letters, digits and hyphens, and do not start or end a part with a hyphen.");
            }
        }
        return Optional.empty();
    }
}
