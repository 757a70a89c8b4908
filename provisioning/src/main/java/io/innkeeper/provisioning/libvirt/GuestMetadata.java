package io.innkeeper.provisioning.libvirt;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads the panel's {@code <ik:guest>} element back from domain XML: its presence is what makes a guest ours.
 * Reading the XML rather than asking libvirt for the element keeps foreign domains from logging a libvirt error
 * on every listing.
 */
final class GuestMetadata {

    private static final String OWNER = "/domain/metadata/*[local-name()='guest' and namespace-uri()='"
            + DomainXml.METADATA_NS + "']/@owner";

    private GuestMetadata() {
    }

    /** The owning tenant, or empty when the domain does not carry our metadata. */
    static Optional<UUID> owner(XmlIn domainXml) {
        String owner = domainXml.text(OWNER);
        try {
            return owner == null ? Optional.empty() : Optional.of(UUID.fromString(owner));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
