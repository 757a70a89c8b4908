package io.innkeeper.account;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenSSH public key line ({@code type base64 [comment]}), parsed the way sshd reads it: the base64 blob is
 * decoded and its own fields checked (the type inside must match the one outside, an RSA key has a sane exponent
 * and at least 2048 bits, an Ed25519 key 32 bytes, an ECDSA key a point on the named curve's size), so a pasted
 * private key, a truncated line or random text is refused with a reason.
 */
public record OpenSshKey(String type, byte[] blob, String comment, int bits) {

    private static final Map<String, Integer> ECDSA = Map.of("ecdsa-sha2-nistp256", 65, "ecdsa-sha2-nistp384", 97,
            "ecdsa-sha2-nistp521", 133);
    private static final int MAX_LINE = 16 * 1024;

    /** The key, or the reason it is not one. */
    public static Parsed parse(String text) {
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            return Parsed.bad("Paste a public key, such as the contents of ~/.ssh/id_ed25519.pub.");
        }
        if (line.length() > MAX_LINE || line.contains("\n")) {
            return Parsed.bad("A public key is one line of at most 16 KiB.");
        }
        if (line.contains("PRIVATE KEY")) {
            return Parsed.bad("This is a private key; paste the public key (the .pub file) instead. Keep the "
                    + "private key secret.");
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 2) {
            return Parsed.bad("A public key has a type and base64 data, such as 'ssh-ed25519 AAAA...'.");
        }
        String type = parts[0];
        if (!supported(type)) {
            return Parsed.bad("Unsupported key type '" + type + "'; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or "
                    + "ssh-rsa.");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Parsed.bad("The key data is not valid base64.");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(blob);
            String inner = new String(field(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                return Parsed.bad("The key data says '" + inner + "' but the line says '" + type + "'.");
            }
            int bits = switch (type) {
                case "ssh-ed25519" -> {
                    if (field(in).length != 32) {
                        throw new IllegalArgumentException("An Ed25519 key has 32 bytes.");
                    }
                    yield 256;
                }
                case "ssh-rsa" -> {
                    BigInteger e = new BigInteger(1, field(in));
                    BigInteger n = new BigInteger(1, field(in));
                    if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
                        throw new IllegalArgumentException("The RSA exponent is not valid.");
                    }
                    if (n.bitLength() < 2048) {
                        throw new IllegalArgumentException("RSA keys need at least 2048 bits; this one has "
                                + n.bitLength() + ".");
                    }
                    yield n.bitLength();
                }
                default -> {
                    String curve = new String(field(in), StandardCharsets.US_ASCII);
                    if (!type.endsWith(curve)) {
                        throw new IllegalArgumentException("The curve does not match the key type.");
                    }
                    byte[] point = field(in);
                    if (point.length != ECDSA.get(type) || point[0] != 4) {
                        throw new IllegalArgumentException("The curve point is not valid.");
                    }
                    yield Integer.parseInt(type.substring(type.length() - 3));
                }
            };
            if (in.hasRemaining()) {
                return Parsed.bad("The key data has extra bytes at the end.");
            }
            String comment = parts.length == 3 ? parts[2].strip() : "";
            return new Parsed(Optional.of(new OpenSshKey(type, blob, comment, bits)), null);
        } catch (IllegalArgumentException e) {
            return Parsed.bad(e.getMessage());
        } catch (java.nio.BufferUnderflowException e) {
            return Parsed.bad("The key data is cut short.");
        }
    }

    /** A parse's outcome: the key, or why there is none. */
    public record Parsed(Optional<OpenSshKey> key, String problem) {
        static Parsed bad(String why) {
            return new Parsed(Optional.empty(), why);
        }
    }

    /** The key as one line, as it would go into authorized_keys. */
    public String line() {
        String base = type + " " + Base64.getEncoder().encodeToString(blob);
        return comment.isEmpty() ? base : base + " " + comment;
    }

    /** The fingerprint ssh-keygen -l prints: SHA256 of the blob, base64 without padding. */
    public String fingerprint() {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean supported(String type) {
        return type.equals("ssh-ed25519") || type.equals("ssh-rsa") || ECDSA.containsKey(type);
    }

    private static byte[] field(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("The key data is cut short.");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    static List<String> types() {
        List<String> out = new ArrayList<>(List.of("ssh-ed25519", "ssh-rsa"));
        out.addAll(ECDSA.keySet());
        return out;
    }
}
