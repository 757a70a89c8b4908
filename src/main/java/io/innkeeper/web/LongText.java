package io.innkeeper.web;

/**
 * A value as a page shows it: whole when it is short, else its first {@code max} characters and how long it is,
 * so one long value (a 60,000-character refused field) cannot make a page that long or that wide.
 *
 * @param shown what the page prints: the whole value, or its beginning when {@link #clipped()}
 * @param length how many characters (code points) the whole value has
 */
public record LongText(String shown, int length) {

    /** What one value of a table cell shows at most. */
    public static final int CELL = 2_000;

    /** The value, clipped to its first {@code max} characters; null stays null, for the template's default. */
    public static LongText of(String value, int max) {
        if (value == null) {
            return null;
        }
        int length = value.codePointCount(0, value.length());
        if (length <= max) {
            return new LongText(value, length);
        }
        return new LongText(value.substring(0, value.offsetByCodePoints(0, max)), length);
    }

    public boolean clipped() {
        return shown.codePointCount(0, shown.length()) < length;
    }

    /** The length for people: {@code 60,000}. */
    public String lengthText() {
        return String.format(java.util.Locale.ROOT, "%,d", length);
    }
}
