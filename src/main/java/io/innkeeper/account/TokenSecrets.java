package io.innkeeper.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Panel-issued secrets (API tokens, webhook secrets): 256 random bits behind a recognisable prefix, so a leaked one
 * is easy to find in logs and code scanners. Only their SHA-256 is stored; a fast hash is enough for secrets of
 * this entropy (nobody can guess 2^256 values, so there is nothing for a slow hash to slow down).
 */
public final class TokenSecrets {

    public static final String TOKEN_PREFIX = "ikp_";
    public static final String WEBHOOK_PREFIX = "ikw_";
    private static final int BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(TOKEN_PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    public static String newToken() {
        return TOKEN_PREFIX + random();
    }

    public static String newWebhookSecret() {
        return WEBHOOK_PREFIX + random();
    }

    /** Whether the text has the shape of a panel token (it may still be unknown, revoked or expired). */
    public static boolean looksLikeToken(String text) {
        return text != null && TOKEN.matcher(text).matches();
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What is shown of a token after its creation: enough to tell tokens apart, far too little to use. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, TOKEN_PREFIX.length() + 6);
    }

    private static String random() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
