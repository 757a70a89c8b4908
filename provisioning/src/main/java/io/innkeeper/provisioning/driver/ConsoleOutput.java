package io.innkeeper.provisioning.driver;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The end of a guest's serial console log as the node holds it: {@code text} is its last bytes, decoded as UTF-8,
 * {@code totalBytes} the size of the whole log, and {@code truncated} whether anything came before the text.
 */
public record ConsoleOutput(String text, long totalBytes, boolean truncated) {

    /** A guest that has printed nothing yet, or whose log does not exist yet. */
    public static final ConsoleOutput EMPTY = new ConsoleOutput("", 0, false);

    /** The most a caller may ask for: 1 MiB, a page and not a download. */
    public static final int MAX_BYTES = 1 << 20;

    public ConsoleOutput {
        Objects.requireNonNull(text, "text");
        if (totalBytes < 0) {
            throw new IllegalArgumentException("totalBytes < 0");
        }
    }

    /**
     * The tail {@code bytes} of a log of {@code totalBytes}. A tail that starts inside a UTF-8 character loses
     * that character's remaining bytes rather than showing them as garbage; other invalid bytes become U+FFFD.
     */
    public static ConsoleOutput ofTail(byte[] bytes, long totalBytes) {
        boolean truncated = totalBytes > bytes.length;
        int start = 0;
        if (truncated) {
            while (start < bytes.length && start < 3 && (bytes[start] & 0xC0) == 0x80) {
                start++;
            }
        }
        return new ConsoleOutput(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8),
                totalBytes, truncated);
    }

    /** Checks the size a caller asks for: at least one byte, at most 1 MiB (a page, not a download). */
    public static int checkMaxBytes(int maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes is 1 to 1048576, not " + maxBytes);
        }
        return maxBytes;
    }
}
