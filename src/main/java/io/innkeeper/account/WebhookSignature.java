package io.innkeeper.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature on a webhook delivery: {@code Innkeeper-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC
 * taken with the endpoint's secret over {@code <t>.<body>}. The receiver recomputes it and checks that t is recent,
 * so a captured delivery cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "Innkeeper-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + mac(secret, unixSeconds + "." + body);
    }

    /** Whether the header signs this body with this secret (the caller checks the timestamp's age). */
    public static boolean verify(String secret, String header, String body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
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
