package io.innkeeper.billing.tax;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A VAT identification number of an EU member state, as VIES writes it: the two-letter prefix ({@code EL} for
 * Greece) and the national number. {@link #parse} checks the format the European Commission publishes for each
 * state, and the check digits where the panel knows the state's algorithm (Germany: ISO 7064 MOD 11,10; France:
 * the key over the SIREN). Whether the number is registered is VIES's to say, and VIES cannot be reached from
 * here: a number that passes is well-formed, not proven to exist.
 */
public record VatId(String prefix, String number) {

    /** Longest input accepted before anything is checked: the longest number plus spaces and dots. */
    public static final int MAX_LENGTH = 32;

    /** The national formats of VIES's table, after the prefix. */
    private static final Map<String, Pattern> FORMATS = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U\\d{8}")),
            Map.entry("BE", Pattern.compile("[01]\\d{9}")),
            Map.entry("BG", Pattern.compile("\\d{9,10}")),
            Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("\\d{8,10}")),
            Map.entry("DE", Pattern.compile("\\d{9}")),
            Map.entry("DK", Pattern.compile("\\d{8}")),
            Map.entry("EE", Pattern.compile("\\d{9}")),
            Map.entry("EL", Pattern.compile("\\d{9}")),
            Map.entry("ES", Pattern.compile("[A-Z]\\d{7}[A-Z0-9]|\\d{8}[A-Z]")),
            Map.entry("FI", Pattern.compile("\\d{8}")),
            Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
            Map.entry("HR", Pattern.compile("\\d{11}")),
            Map.entry("HU", Pattern.compile("\\d{8}")),
            Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
            Map.entry("IT", Pattern.compile("\\d{11}")),
            Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
            Map.entry("LU", Pattern.compile("\\d{8}")),
            Map.entry("LV", Pattern.compile("\\d{11}")),
            Map.entry("MT", Pattern.compile("\\d{8}")),
            Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
            Map.entry("PL", Pattern.compile("\\d{10}")),
            Map.entry("PT", Pattern.compile("\\d{9}")),
            Map.entry("RO", Pattern.compile("[1-9]\\d{1,9}")),
            Map.entry("SE", Pattern.compile("\\d{10}01")),
            Map.entry("SI", Pattern.compile("\\d{8}")),
            Map.entry("SK", Pattern.compile("\\d{10}")));

    /** Spaces, dots, dashes and slashes people write inside numbers; VIES drops them. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-/]");

    public VatId {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(number, "number");
    }

    /** Why a VAT id was refused, in words for the person who typed it. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String reason) {
            super(reason);
        }
    }

    /**
     * Reads a VAT id as people write it ({@code de 136 695 976}, {@code FR 40-303265045}); refuses one whose prefix
     * is not an EU member state's, whose number does not have that state's format, or whose check digits are wrong.
     */
    public static VatId parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new Invalid("Enter the VAT id with its country prefix, for example DE136695976.");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new Invalid("A VAT id has at most " + MAX_LENGTH + " characters.");
        }
        String compact = SEPARATORS.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.length() < 3) {
            throw new Invalid("Enter the VAT id with its country prefix, for example DE136695976.");
        }
        String prefix = compact.substring(0, 2);
        String number = compact.substring(2);
        if (prefix.equals("GR")) {
            throw new Invalid("Greek VAT ids start with EL, not GR.");
        }
        Pattern format = FORMATS.get(prefix);
        if (format == null) {
            throw new Invalid(prefix + " is not the prefix of an EU member state's VAT id.");
        }
        if (!format.matcher(number).matches()) {
            throw new Invalid("This is not the format of a VAT id of " + countryOf(prefix) + ".");
        }
        if (!checkDigitsHold(prefix, number)) {
            throw new Invalid("The check digits of this VAT id are wrong: look for a mistyped digit.");
        }
        return new VatId(prefix, number);
    }

    /** A VAT id as {@link #toString()} wrote it to the database, not checked again; null stays null. */
    public static VatId ofStored(String stored) {
        return stored == null || stored.length() < 3 ? null : new VatId(stored.substring(0, 2), stored.substring(2));
    }

    /** The ISO 3166 country of the id: the prefix, but {@code GR} for {@code EL}. */
    public String country() {
        return countryOf(prefix);
    }

    static String countryOf(String prefix) {
        return prefix.equals("EL") ? "GR" : prefix;
    }

    @Override
    public String toString() {
        return prefix + number;
    }

    private static boolean checkDigitsHold(String prefix, String number) {
        return switch (prefix) {
            case "DE" -> germanCheckDigit(number);
            case "FR" -> frenchKey(number);
            default -> true;
        };
    }

    /** ISO 7064 MOD 11,10 over the first eight digits gives the ninth. */
    private static boolean germanCheckDigit(String number) {
        int product = 10;
        for (int i = 0; i < 8; i++) {
            int sum = (number.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (2 * sum) % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == number.charAt(8) - '0';
    }

    /** A numeric key is (12 + 3 x (SIREN mod 97)) mod 97; keys with letters (older numbers) are not checked. */
    private static boolean frenchKey(String number) {
        String key = number.substring(0, 2);
        if (!key.chars().allMatch(Character::isDigit)) {
            return true;
        }
        long siren = Long.parseLong(number.substring(2));
        return Integer.parseInt(key) == (12 + 3 * (siren % 97)) % 97;
    }
}
