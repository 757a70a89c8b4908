package io.innkeeper.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe tokens (RFC 8058): the login and topic, signed with the deployment's key, so the link needs
 * no sign-in and cannot be made for anyone else. A token never expires; it only ever switches one optional topic's
 * mail off for one person.
 */
public final class UnsubscribeTokens {

    /** What a valid token stands for. */
    public record Subject(String login, Topic topic) {
    }

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private UnsubscribeTokens() {
    }

    public static String token(String key, String login, Topic topic) {
        String body = ENCODE.encodeToString((login + "\n" + topic.key()).getBytes(StandardCharsets.UTF_8));
        return body + "." + ENCODE.encodeToString(mac(key, body));
    }

    /** The login and topic of a token signed with {@code key}, or empty for anything else. */
    public static Optional<Subject> read(String key, String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(key, body), DECODE.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODE.decode(body), StandardCharsets.UTF_8).split("\n", 2);
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Topic.ofKey(parts[1]).filter(t -> !t.mandatory()).map(t -> new Subject(parts[0], t));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
