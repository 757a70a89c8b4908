package io.innkeeper.provisioning.libvirt;

import java.util.Objects;
import java.util.UUID;

/**
 * Paths and wiring on a node that domain XML refers to: VM disk images, per-guest container roots (unpacked from
 * the template cache), console logs, the guests' network, Xen's boot helpers, and the address VMs' VNC displays
 * listen on (the node's management address, where only the panel reaches them; loopback on the panel's own host).
 */
record NodeLayout(String imageDir, String containerRootDir, String consoleLogDir, NetworkAttachment network,
        String xenBootloader, String xenHvmLoader, String graphicsListen) {

    /** VNC on loopback: a node the panel reaches without a network. */
    static final String LOOPBACK = "127.0.0.1";

    NodeLayout {
        Objects.requireNonNull(imageDir, "imageDir");
        Objects.requireNonNull(containerRootDir, "containerRootDir");
        Objects.requireNonNull(consoleLogDir, "consoleLogDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(xenBootloader, "xenBootloader");
        Objects.requireNonNull(xenHvmLoader, "xenHvmLoader");
        Objects.requireNonNull(graphicsListen, "graphicsListen");
    }

    NodeLayout(String imageDir, String containerRootDir, String consoleLogDir, NetworkAttachment network,
            String xenBootloader, String xenHvmLoader) {
        this(imageDir, containerRootDir, consoleLogDir, network, xenBootloader, xenHvmLoader, LOOPBACK);
    }

    /** The same layout on a node whose VNC displays listen on {@code address}. */
    NodeLayout withGraphicsListen(String address) {
        return new NodeLayout(imageDir, containerRootDir, consoleLogDir, network, xenBootloader, xenHvmLoader,
                address);
    }

    String diskImage(UUID guest) {
        return imageDir + "/" + guest + ".qcow2";
    }

    String containerRoot(UUID guest) {
        return containerRootDir + "/" + guest;
    }

    String consoleLog(UUID guest) {
        return consoleLogDir + "/" + guest + ".log";
    }
}
