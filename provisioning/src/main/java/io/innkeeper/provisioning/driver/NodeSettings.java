package io.innkeeper.provisioning.driver;

import java.util.Objects;

/** What a driver needs to reach a node: its libvirt URI, for example {@code qemu+ssh://root@host/system}. */
public record NodeSettings(String libvirtUri) {

    public NodeSettings {
        Objects.requireNonNull(libvirtUri, "libvirtUri");
    }
}
