package io.innkeeper.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.innkeeper.kernel.Hostnames;

/**
 * An order as typed into the form or sent to the API: raw strings, checked by {@link PlaceServer}. The guest type
 * may be left empty (the plan's first type the template supports); the idempotency key, the root password, the user
 * data and the external reference may be null. SSH keys come as key lines (the form's text area), as ids of keys
 * saved on the account (the API), or both.
 */
public record OrderRequest(String hostname, String region, String plan, String template, String guestType,
        String idempotencyKey, String rootPassword, List<String> sshKeys, List<UUID> sshKeyIds, String userData,
        String externalRef) {

    public OrderRequest {
        // Copies that may hold nulls: a JSON list can, and the check names them.
        sshKeys = sshKeys == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sshKeys));
        sshKeyIds = sshKeyIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(sshKeyIds));
    }

    public OrderRequest(String hostname, String region, String plan, String template, String guestType,
            String idempotencyKey) {
        this(hostname, region, plan, template, guestType, idempotencyKey, null, List.of(), List.of(), null, null);
    }

    public OrderRequest(String hostname, String region, String plan, String template) {
        this(hostname, region, plan, template, null, null);
    }

    /** This order with another idempotency key (null for none). */
    public OrderRequest withKey(String key) {
        return new OrderRequest(hostname, region, plan, template, guestType, key, rootPassword, sshKeys, sshKeyIds,
                userData, externalRef);
    }

    /** This order with another hostname. */
    public OrderRequest withHostname(String other) {
        return new OrderRequest(other, region, plan, template, guestType, idempotencyKey, rootPassword, sshKeys,
                sshKeyIds, userData, externalRef);
    }

    /**
     * Identifies what was ordered, so a key sent again with another order can be told apart from a retry. It covers
     * every part of the order but the root password, which is never kept in a form that a fast hash could reveal:
     * a retry's password is compared with the server's stored (salted, slow) hash instead. An order of only the
     * first five parts keeps the fingerprint it had before the others were part of an order.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder(String.join("|", Hostnames.normalise(hostname), strip(region),
                strip(plan), strip(template), strip(guestType).toLowerCase(Locale.ROOT)));
        List<String> keys = sshKeys.stream().map(OrderRequest::strip).filter(k -> !k.isEmpty()).toList();
        boolean userDataGiven = userData != null && !userData.isBlank();
        if (!keys.isEmpty() || !sshKeyIds.isEmpty() || userDataGiven || externalRef != null || hasPassword()) {
            canonical.append("|keys=").append(String.join("\n", keys))
                    .append("|keyIds=").append(String.join(",", sshKeyIds.stream().map(String::valueOf).toList()))
                    .append("|userData=").append(userDataGiven ? "+" + userData : "-")
                    .append("|externalRef=").append(externalRef == null ? "-" : "+" + externalRef)
                    .append("|rootPassword=").append(hasPassword());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    boolean hasPassword() {
        return rootPassword != null && !rootPassword.isEmpty();
    }

    /** Never prints the root password, so an order in a log or an exception message gives none away. */
    @Override
    public String toString() {
        return "OrderRequest[hostname=" + hostname + ", region=" + region + ", plan=" + plan + ", template=" + template
                + ", guestType=" + guestType + ", idempotencyKey=" + idempotencyKey + ", rootPassword="
                + (hasPassword() ? "***" : "") + ", sshKeys=" + sshKeys.size() + ", sshKeyIds=" + sshKeyIds
                + ", userData=" + (userData == null ? "" : userData.length() + " characters") + ", externalRef="
                + externalRef + "]";
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
