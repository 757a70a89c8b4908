package io.innkeeper.billing.invoice;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The structured creditor reference of ISO 11649 ("RF" references), the European standard a payer copies into a
 * bank transfer: {@code RF}, two check digits (ISO 7064 MOD 97-10, as for IBANs) and 1 to 21 letters or digits.
 * An invoice's reference is made from its number, so it never changes and needs no counter.
 */
public final class PaymentReference {

    private static final Pattern ELECTRONIC = Pattern.compile("RF[0-9]{2}[A-Z0-9]{1,21}");
    private static final int MAX_BODY = 21;
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private PaymentReference() {
    }

    /** The reference of the invoice numbered {@code number}: its letters and digits (at most the last 21). */
    public static String forInvoice(String number) {
        StringBuilder body = new StringBuilder();
        for (char c : number.toUpperCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                body.append(c);
            }
        }
        if (body.isEmpty()) {
            throw new IllegalArgumentException("an invoice number without letters or digits: " + number);
        }
        return of(body.length() > MAX_BODY ? body.substring(body.length() - MAX_BODY) : body.toString());
    }

    /** The reference for {@code body} (1 to 21 of A-Z, 0-9) with its check digits. */
    public static String of(String body) {
        if (!body.matches("[A-Z0-9]{1," + MAX_BODY + "}")) {
            throw new IllegalArgumentException("a reference body is 1 to 21 of A-Z and 0-9: " + body);
        }
        int check = 98 - remainder(body + "RF00");
        return "RF" + (check < 10 ? "0" : "") + check + body;
    }

    /** Whether {@code reference} (electronic form, no spaces) is well formed and its check digits hold. */
    public static boolean isValid(String reference) {
        return reference != null && ELECTRONIC.matcher(reference).matches()
                && remainder(reference.substring(4) + reference.substring(0, 4)) == 1;
    }

    /** The printed form, in groups of four: {@code RF18 5390 0754 7034}. */
    public static String printed(String reference) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < reference.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(reference, i, Math.min(i + 4, reference.length()));
        }
        return out.toString();
    }

    /** A reference as a payer or bank wrote it (any case, spaces between groups) in electronic form, if valid. */
    public static Optional<String> parse(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String compact = written.replace(" ", "").toUpperCase(Locale.ROOT);
        return isValid(compact) ? Optional.of(compact) : Optional.empty();
    }

    /**
     * The valid references found in free text such as a transfer's unstructured remittance line, longest first for
     * each place one starts. A reference may be printed in groups of four, so the words after an {@code RF..} word
     * are tried joined to it while the whole stays within 25 characters.
     */
    public static List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        String[] words = text.toUpperCase(Locale.ROOT).split("[^A-Z0-9]+");
        for (int i = 0; i < words.length; i++) {
            if (!words[i].matches("RF[0-9]{2}[A-Z0-9]*")) {
                continue;
            }
            List<String> candidates = new ArrayList<>();
            StringBuilder joined = new StringBuilder(words[i]);
            candidates.add(joined.toString());
            for (int j = i + 1; j < words.length && joined.length() + words[j].length() <= 25; j++) {
                joined.append(words[j]);
                candidates.add(joined.toString());
            }
            for (int k = candidates.size() - 1; k >= 0; k--) {
                if (isValid(candidates.get(k))) {
                    found.add(candidates.get(k));
                    break;
                }
            }
        }
        return found;
    }

    /** ISO 7064 MOD 97-10 over letters as two digits each (A=10 ... Z=35). */
    private static int remainder(String text) {
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
