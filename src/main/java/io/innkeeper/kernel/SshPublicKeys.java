package io.innkeeper.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an OpenSSH public key line ({@code type base64 [comment]}): a known key type, and a body that decodes and
 * names the same type inside, as OpenSSH itself checks. Anything else (a private key pasted by mistake, a cut-off
 * key, a PuTTY export) gets a reason the customer can act on.
 */
public final class SshPublicKeys {

    private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com");
    private static final int MAX_LENGTH = 16 * 1024;

    private SshPublicKeys() {
    }

    /** Why {@code line} is not a usable public key, or empty when it is one. */
    public static Optional<String> problem(String line) {
        if (line == null || line.isBlank()) {
            return Optional.of("Paste a public key, for example the contents of ~/.ssh/id_ed25519.pub.");
        }
        String key = line.strip();
        if (key.length() > MAX_LENGTH) {
            return Optional.of("This key is longer than any SSH public key.");
        }
        if (key.contains("PRIVATE KEY")) {
            return Optional.of("This is a private key. Paste the public key (the .pub file) and keep the private "
                    + "key secret.");
        }
        String[] parts = key.split("\\s+", 3);
        if (!TYPES.contains(parts[0])) {
            return Optional.of("Unknown key type; use an OpenSSH public key starting with ssh-ed25519, ssh-rsa or "
                    + "ecdsa-sha2-nistp256.");
        }
        if (parts.length < 2) {
            return Optional.of("The key is cut off: its base64 body is missing.");
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.of("The key's body is not valid base64; copy the whole line again.");
        }
        if (!parts[0].equals(innerType(body))) {
            return Optional.of("The key's body does not match its type " + parts[0] + "; copy the whole line again.");
        }
        return Optional.empty();
    }

    /** The key without surrounding blanks and with single spaces, as stored. */
    public static String normalise(String line) {
        return String.join(" ", line.strip().split("\\s+", 3));
    }

    private static String innerType(byte[] body) {
        if (body.length < 4) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        int length = buffer.getInt();
        if (length <= 0 || length > body.length - 4) {
            return null;
        }
        return new String(body, 4, length, StandardCharsets.US_ASCII);
    }
}
