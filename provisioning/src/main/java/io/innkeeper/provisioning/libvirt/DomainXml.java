package io.innkeeper.provisioning.libvirt;

import java.util.Optional;

import io.innkeeper.provisioning.driver.GuestSpec;

/** One dialect of libvirt domain XML: what a node of one guest type needs to define a guest. */
interface DomainXml {

    /** Namespace of the panel's own element inside {@code <metadata>}; the reconciler finds our guests by it. */
    String METADATA_NS = "https://innkeeper.io/xmlns/guest/1";

    String write(GuestSpec spec);

    /** Whether a clean shutdown signals the guest's init rather than pressing an ACPI power button. */
    default boolean shutsDownBySignal() {
        return false;
    }

    /**
     * The layout whose image dir holds the guests' disk volumes, for dialects whose guests boot from a disk image;
     * containers have none.
     */
    default Optional<NodeLayout> diskLayout() {
        return Optional.empty();
    }

    /** Whether this guest gets a CD-ROM drive ({@link VmCdrom}) when its spec asks for one: fully virtualised VMs. */
    default boolean hasCdrom(GuestSpec spec) {
        return false;
    }

    /** Prepares what the guest needs on the node besides its definition; most dialects need nothing. */
    default void prepare(String uri, GuestSpec spec) {
    }

    /** The node's directory of serial console logs, one {@code {uuid}.log} per guest; empty where none is kept. */
    default Optional<String> consoleLogDir() {
        return Optional.empty();
    }
}
