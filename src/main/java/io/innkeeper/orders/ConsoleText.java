package io.innkeeper.orders;

/**
 * Console output as a page can show it: terminal escape sequences (colours, cursor moves, titles) and control
 * characters removed, line ends made plain. HTML escaping is the template's job.
 */
public final class ConsoleText {

    private static final char ESC = 0x1B;
    private static final char BEL = 0x07;
    private static final char CSI_8BIT = 0x9B;
    private static final char OSC_8BIT = 0x9D;

    private ConsoleText() {
    }

    public static String clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (c == ESC) {
                i = skipEscape(raw, i + 1);
            } else if (c == CSI_8BIT) {
                i = skipCsi(raw, i + 1);
            } else if (c == OSC_8BIT) {
                i = skipString(raw, i + 1);
            } else if (c == '\r') {
                // CR LF is a line end; a lone CR (a progress bar redrawing its line) becomes one too.
                out.append('\n');
                i += i + 1 < n && raw.charAt(i + 1) == '\n' ? 2 : 1;
            } else {
                if (c == '\n' || c == '\t' || !isControl(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    /** C0 controls, DEL and the C1 block. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** After ESC: a CSI ({@code [}), a string (OSC, DCS, APC, PM, SOS), or a sequence of intermediates and one final. */
    private static int skipEscape(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        char c = s.charAt(i);
        if (c == '[') {
            return skipCsi(s, i + 1);
        }
        if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') {
            return skipString(s, i + 1);
        }
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) {
            i++; // intermediates, as in ESC ( B
        }
        return i < s.length() ? i + 1 : i;
    }

    /** Parameters and intermediates (0x20-0x3F) up to a final byte (0x40-0x7E). */
    private static int skipCsi(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c >= 0x40 && c <= 0x7E) {
                return i;
            }
            if (c < 0x20 || c > 0x3F) {
                return i - 1; // not a sequence after all: leave the character to the caller
            }
        }
        return i;
    }

    /** Up to BEL or ST (ESC \ or 0x9C). */
    private static int skipString(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == BEL || c == 0x9C) {
                return i;
            }
            if (c == ESC && i < s.length() && s.charAt(i) == '\\') {
                return i + 1;
            }
        }
        return i;
    }
}
