package io.innkeeper.provisioning.libvirt;

import java.util.Objects;
import java.util.UUID;

/**
 * Paths and wiring on a node that domain XML refers to: VM disk images, per-guest container roots (unpacked from
 * the template cache), console logs, the guests' network and Xen's boot helpers.
 */
record NodeLayout(String imageDir, String containerRootDir, String consoleLogDir, NetworkAttachment network,
        String xenBootloader, String xenHvmLoader) {

    NodeLayout {
        Objects.requireNonNull(imageDir, "imageDir");
        Objects.requireNonNull(containerRootDir, "containerRootDir");
        Objects.requireNonNull(consoleLogDir, "consoleLogDir");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(xenBootloader, "xenBootloader");
        Objects.requireNonNull(xenHvmLoader, "xenHvmLoader");
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
