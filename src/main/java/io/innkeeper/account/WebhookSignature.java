package io.innkeeper.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a webhook delivery: {@code Innkeeper-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC
 * taken with the endpoint's secret over {@code <t>.<body>}. The receiver recomputes it and checks that t is recent,
 * so a captured delivery cannot be replayed later. While a rotated secret is in its grace period the header carries
 * one {@code v1=} per secret, the new one first ({@code t=...,v1=<new>,v1=<old>}, as Stripe does); a receiver
 * accepts the delivery when any of them matches a secret it holds.
 */
public final class WebhookSignature {

    public static final String HEADER = "Innkeeper-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return header(List.of(secret), unixSeconds, body);
    }

    /** The header signed by each of the secrets, in their order. */
    public static String header(List<String> secrets, long unixSeconds, String body) {
        StringBuilder header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(mac(secret, unixSeconds + "." + body));
        }
        return header.toString();
    }

    /**
     * The secrets that sign at {@code now}: the current one, and the previous one while its grace period lasts
     * (up to, not including, {@code previousUntil}).
     */
    public static List<String> secrets(String current, String previous, Instant previousUntil, Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(current);
        if (previous != null && previousUntil != null && now.isBefore(previousUntil)) {
            secrets.add(previous);
        }
        return List.copyOf(secrets);
    }

    /** Whether one of the header's v1 signatures signs this body with this secret (the caller checks t's age). */
    public static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        List<String> v1 = new ArrayList<>();
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1.add(part.substring(3));
            }
        }
        if (t == null) {
            return false;
        }
        byte[] expected = mac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String candidate : v1) {
            match |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    static String mac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
