package io.innkeeper.provisioning.libvirt;

import javax.xml.stream.XMLStreamException;

import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.GuestSpec;
import io.innkeeper.provisioning.driver.GuestSpec.Boot;

/** What LXC and OpenVZ guests share: they run the template's init on the host's kernel. */
final class ContainerDomainXml {

    private ContainerDomainXml() {
    }

    /** Containers have no kernel of their own, so a spec asking for one is a mistake, not something to ignore. */
    static void requireOwnInit(GuestSpec spec) {
        if (spec.boot() instanceof Boot.Kernel) {
            throw new DriverException.Unsupported("containers share the host kernel; guest " + spec.id()
                    + " asks for its own", null);
        }
    }

    static void osInit(XmlOut out) throws XMLStreamException {
        out.start("os");
        out.leaf("type", "arch", "x86_64", "exe");
        out.leaf("init", "/sbin/init");
        out.end();
    }
}
