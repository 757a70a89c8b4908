package io.innkeeper.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.innkeeper.kernel.Hostnames;

/**
 * An order as typed into the form or sent to the API: raw strings, checked by {@link OrderService}. The guest type
 * may be left empty (the plan's first type the template supports); the idempotency key may be null.
 */
public record OrderRequest(String hostname, String region, String plan, String template, String guestType,
        String idempotencyKey) {

    public OrderRequest(String hostname, String region, String plan, String template) {
        this(hostname, region, plan, template, null, null);
    }

    /** Identifies what was ordered, so a key sent again with another order can be told apart from a retry. */
    public String fingerprint() {
        String canonical = String.join("|", Hostnames.normalise(hostname), strip(region), strip(plan), strip(template),
                strip(guestType).toLowerCase(Locale.ROOT));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
