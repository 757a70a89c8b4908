package io.innkeeper.billing.invoice;

import java.util.Base64;
import java.util.List;

/**
 * Who issued an invoice when it is not the platform: a reseller, with the name, address and VAT id its invoice was
 * issued with and its logo (PNG or JPEG, bounded by {@link io.innkeeper.billing.reseller.Logo}), if it has one.
 */
public record InvoiceSeller(String name, String address, String vatId, String logoType, byte[] logo) {

    public List<String> addressLines() {
        return address == null || address.isBlank() ? List.of() : address.strip().lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
    }

    public boolean hasLogo() {
        return logo != null && logoType != null;
    }

    /** The logo inline, for an {@code <img>} on the invoice page; null without one. */
    public String logoDataUri() {
        return hasLogo() ? "data:" + logoType + ";base64," + Base64.getEncoder().encodeToString(logo) : null;
    }
}
