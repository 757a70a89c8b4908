package io.innkeeper.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An invitation link's secret (and a sign-on link's, and its session's, by their own prefixes): 32 random bytes
 * behind a prefix, of which only the SHA-256 is stored (as the account module does for API tokens; 2^256 values
 * leave a slow hash nothing to slow down).
 */
final class InvitationTokens {

    static final String PREFIX = "iki_";
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationTokens() {
    }

    static String next() {
        return next(PREFIX);
    }

    static String next(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean looksLikeOne(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** Whether the text has the shape of a secret with this prefix. */
    static boolean looksLike(String prefix, String text) {
        return text != null && text.length() == prefix.length() + 43 && text.startsWith(prefix)
                && text.substring(prefix.length()).matches("[A-Za-z0-9_-]{43}");
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
