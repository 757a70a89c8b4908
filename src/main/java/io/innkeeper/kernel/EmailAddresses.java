package io.innkeeper.kernel;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the panel takes as an e-mail address: one the mail servers it hands mail to accept, written as people write
 * them (RFC 5321's dot-atom local part and a domain of letters, digits and hyphens), with no quoting, comments or
 * address literals, at most 254 characters. Kept as typed except the domain, which is lower-cased.
 */
public final class EmailAddresses {

    /** The longest address SMTP can carry (RFC 5321's path limit less its angle brackets). */
    public static final int MAX = 254;

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private EmailAddresses() {
    }

    /** The address as stored: stripped, its domain lower-cased. Null for null. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String address = raw.strip();
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Why {@code address} (normalised) is not an address the panel takes, or empty when it is. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.of("Enter an e-mail address.");
        }
        String text = Text.refusal(address, MAX, false);
        if (text != null) {
            return Optional.of(text);
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at != address.indexOf('@')) {
            return Optional.of("Enter an e-mail address such as name@example.com.");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return Optional.of("The part before @ is not one a mail server takes (at most 64 letters, digits, dots "
                    + "and the usual signs).");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || !java.util.Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())
                || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of("The part after @ must be a domain name such as example.com.");
        }
        return Optional.empty();
    }
}
