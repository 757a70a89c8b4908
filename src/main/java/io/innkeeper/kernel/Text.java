package io.innkeeper.kernel;

/**
 * What text a person or client may send: no control characters (C0, DEL, C1; PostgreSQL refuses NUL in text) and no
 * Unicode bidi controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which can make a name read differently
 * from what it is. Multi-line text (user data, a pasted SSH key, a textarea) may also hold tab, line feed and
 * carriage return.
 */
public final class Text {

    /** How much of a refused value an answer may repeat. */
    public static final int ECHO = 40;

    private Text() {
    }

    /** Whether {@code c} may stand in a one-line text field. */
    public static boolean allowedInLine(int c) {
        return !(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069));
    }

    /** Whether {@code c} may stand in a multi-line text field. */
    public static boolean allowedInMultiLine(int c) {
        return c == '\t' || c == '\n' || c == '\r' || allowedInLine(c);
    }

    /**
     * Why {@code value} may not be taken as text of at most {@code max} characters, or null when it may. The
     * message names the first refused character by its code point, never the value itself.
     */
    public static String refusal(String value, int max, boolean multiLine) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            return "At most " + max + " characters.";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(multiLine ? allowedInMultiLine(c) : allowedInLine(c))) {
                return String.format("Contains a control or text-direction character (U+%04X), which is not "
                        + "allowed%s.", (int) c, multiLine ? "" : "; use one line of plain text");
            }
        }
        return null;
    }

    /** {@code value} cut to {@code max} characters, marked with an ellipsis when cut: for echoing input back. */
    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, Math.max(0, max - 1)) + "…";
    }
}
