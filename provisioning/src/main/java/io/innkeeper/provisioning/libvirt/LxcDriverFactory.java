package io.innkeeper.provisioning.libvirt;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/** LXC nodes through libvirt's LXC driver. */
@ApplicationScoped
public class LxcDriverFactory extends LibvirtDriverFactory {

    private static final Set<String> SCHEMES = Set.of("lxc", "lxc+ssh", "lxc+tls", "test");

    @Override
    public String id() {
        return "lxc";
    }

    @Override
    Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    String label() {
        return "LXC";
    }

    @Override
    DomainXml dialect(NodeLayout layout) {
        return new LxcDomainXml(layout);
    }
}
