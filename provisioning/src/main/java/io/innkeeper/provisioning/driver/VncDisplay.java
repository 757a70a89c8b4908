package io.innkeeper.provisioning.driver;

import java.util.Objects;

/** Where the panel reaches a running VM's VNC display: an address on the node and the port libvirt gave it. */
public record VncDisplay(String host, int port) {

    public VncDisplay {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("VNC port " + port);
        }
    }
}
