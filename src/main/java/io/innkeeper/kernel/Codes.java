package io.innkeeper.kernel;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The form of a stable code, the name a plan, an OS template or a region is ordered by (for example {@code small-1},
 * {@code debian-12}, {@code eu-central}): 1 to 40 lowercase letters, digits, dots and dashes, starting with a letter
 * or digit, and never shaped like an id, so a value sent where "an id or a code" is taken means one thing only.
 */
public final class Codes {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,39}");

    private static final Pattern UUID_SHAPE = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Codes() {
    }

    /** Whether {@code code} is a code in form (whether anything has it is another question). */
    public static boolean valid(String code) {
        return code != null && CODE.matcher(code).matches() && !UUID_SHAPE.matcher(code).matches();
    }

    /** Why {@code code} cannot be the code of a {@code what} (plan, template, region), or empty when it can. */
    public static Optional<String> problem(String what, String code) {
        return valid(code) ? Optional.empty()
                : Optional.of("Give the " + what + " a code of 1 to 40 lowercase letters, digits, dots and dashes, "
                        + "not shaped like an id, e.g. small-1.");
    }

    /** The id that {@code idOrCode} names, or empty when it is a code (or neither). */
    public static Optional<UUID> asId(String idOrCode) {
        if (idOrCode == null || idOrCode.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(idOrCode));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
