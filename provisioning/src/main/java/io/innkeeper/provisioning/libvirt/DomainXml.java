package io.innkeeper.provisioning.libvirt;

import io.innkeeper.provisioning.driver.GuestSpec;

/** One dialect of libvirt domain XML: what a node of one guest type needs to define a guest. */
interface DomainXml {

    /** Namespace of the panel's own element inside {@code <metadata>}; the reconciler finds our guests by it. */
    String METADATA_NS = "https://innkeeper.io/xmlns/guest/1";

    String write(GuestSpec spec);
}
