package io.innkeeper.billing.reseller;

import io.innkeeper.kernel.InvalidInput;

/**
 * A reseller's logo as uploaded: a PNG or JPEG of at most {@link #MAX_BYTES}, its type read from the file's own
 * signature, never from the name or the type the browser claims.
 */
public record Logo(String type, byte[] bytes) {

    public static final int MAX_BYTES = 200 * 1024;

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final byte[] JPEG = { (byte) 0xff, (byte) 0xd8, (byte) 0xff };

    /** The logo in {@code bytes}; refused (field {@code logo}) when empty, too large, or not a PNG or JPEG. */
    public static Logo of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw InvalidInput.of("logo", "Choose an image file (PNG or JPEG).");
        }
        if (bytes.length > MAX_BYTES) {
            throw InvalidInput.of("logo", "The logo is larger than " + MAX_BYTES / 1024 + " KB.");
        }
        if (startsWith(bytes, PNG)) {
            return new Logo("image/png", bytes);
        }
        if (startsWith(bytes, JPEG)) {
            return new Logo("image/jpeg", bytes);
        }
        throw InvalidInput.of("logo", "The logo must be a PNG or JPEG image.");
    }

    private static boolean startsWith(byte[] bytes, byte[] signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (bytes[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
