package io.innkeeper.provisioning.cloudinit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.provisioning.ProvisioningConfig;

/**
 * The NoCloud seed address a guest finds in its SMBIOS serial number ({@code ds=nocloud;s=URL}): the panel's own
 * cloud-init endpoint with the guest's id and an HMAC of it, so one guest cannot read another's settings. Without
 * a base URL and a secret in the configuration, guests get no seed.
 */
@ApplicationScoped
public class SeedLinks {

    @Inject
    ProvisioningConfig config;

    /** The seed URL for the guest, ending in a slash (cloud-init appends the document names). */
    public Optional<String> urlFor(UUID guestId) {
        ProvisioningConfig.CloudInit ci = config.cloudInit();
        if (ci.baseUrl().isEmpty() || ci.secret().isEmpty()) {
            return Optional.empty();
        }
        String base = ci.baseUrl().get().replaceAll("/+$", "");
        return Optional.of(base + "/cloud-init/" + guestId + "/" + token(guestId, ci.secret().get()) + "/");
    }

    /** Whether {@code token} is the guest's, compared in constant time. */
    public boolean valid(UUID guestId, String token) {
        Optional<String> secret = config.cloudInit().secret();
        if (secret.isEmpty() || token == null) {
            return false;
        }
        return MessageDigest.isEqual(token(guestId, secret.get()).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    static String token(UUID guestId, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(guestId.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
