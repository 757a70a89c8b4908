package io.innkeeper.provisioning.libvirt;

import java.util.Objects;

/** Where a guest's NIC plugs in on its node: a libvirt network or a host bridge. */
sealed interface NetworkAttachment {

    /** A network libvirt manages ({@code <interface type='network'>}). */
    record Network(String name) implements NetworkAttachment {
        public Network {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A host bridge the provider set up ({@code <interface type='bridge'>}); OpenVZ supports only these. */
    record Bridge(String name) implements NetworkAttachment {
        public Bridge {
            Objects.requireNonNull(name, "name");
        }
    }
}
