package io.innkeeper.provisioning.libvirt;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Xen nodes through libvirt's libxl driver. One node runs PV and HVM guests side by side; each guest's
 * {@link io.innkeeper.provisioning.driver.GuestSpec.VirtMode} picks its XML.
 */
@ApplicationScoped
public class XenDriverFactory extends LibvirtDriverFactory {

    private static final Set<String> SCHEMES = Set.of("xen", "xen+ssh", "xen+tls", "test");

    @Override
    public String id() {
        return "xen";
    }

    @Override
    Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    String label() {
        return "Xen";
    }

    @Override
    DomainXml dialect(NodeLayout layout) {
        return new XenDomainXml(layout);
    }
}
