package io.innkeeper.provisioning.libvirt;

import java.nio.file.Path;
import java.util.Objects;

import io.innkeeper.provisioning.driver.GuestSpec;

/**
 * An LXC container whose root is the guest's own directory, unpacked from the template cache before the guest is
 * defined. Disk space is that directory's quota on the node; libvirt's LXC XML has no place for it.
 * <p>
 * Containers have no SMBIOS, so their cloud-init finds its seed in the root filesystem: a NoCloud meta-data file
 * whose {@code seedfrom} is the panel's seed URL. The panel can write it only where the node's root directories
 * are its own file system (a local {@code lxc:///} URI); remote nodes need the file from their template cache.
 */
record LxcDomainXml(NodeLayout layout) implements DomainXml {

    LxcDomainXml {
        Objects.requireNonNull(layout, "layout");
    }

    @Override
    public boolean shutsDownBySignal() {
        return true;
    }

    @Override
    public void prepare(String uri, GuestSpec spec) {
        if (spec.seedUrl() != null && uri.startsWith("lxc:///")) {
            ContainerSeed.write(Path.of(layout.containerRoot(spec.id())), spec);
        }
    }

    @Override
    public String write(GuestSpec spec) {
        ContainerDomainXml.requireOwnInit(spec);
        return XmlOut.document(out -> {
            DomainCommon.open(out, "lxc", spec);
            ContainerDomainXml.osInit(out);
            DomainCommon.lifecycle(out);
            out.start("devices");
            out.start("filesystem").attr("type", "mount").attr("accessmode", "passthrough");
            out.empty("source").attr("dir", layout.containerRoot(spec.id()));
            out.empty("target").attr("dir", "/");
            out.end();
            DomainCommon.nic(out, layout.network(), spec, null);
            out.start("console").attr("type", "pty");
            out.empty("target").attr("type", "lxc").attr("port", 0);
            out.end();
            out.end();
            out.end();
        });
    }
}
