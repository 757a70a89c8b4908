package io.innkeeper.provisioning.libvirt;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code innkeeper.provisioning.libvirt.*}: how guests are wired on the nodes. */
@ConfigMapping(prefix = "innkeeper.provisioning.libvirt")
public interface LibvirtConfig {

    /** libvirt network the guests' NICs join, unless {@link #bridge()} is set. */
    @WithDefault("default")
    String network();

    /** A host bridge to plug NICs into instead of a libvirt network (OpenVZ nodes need one). */
    Optional<String> bridge();

    /** Where each VM's serial console is logged, one file per guest. */
    @WithDefault("/var/log/innkeeper/console")
    String consoleLogDir();

    /** Where each container's root filesystem lives, one directory per guest, unpacked from the template cache. */
    @WithDefault("/var/lib/innkeeper/containers")
    String containerRootDir();

    /** Boot loader that reads a Xen PV guest's kernel from its disk. */
    @WithDefault("/usr/lib/xen-4.17/bin/pygrub")
    String xenBootloader();

    /** Firmware of Xen HVM guests. */
    @WithDefault("/usr/lib/xen-4.17/boot/hvmloader")
    String xenHvmLoader();
}
