package io.innkeeper.provisioning.libvirt;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/** OpenVZ nodes through libvirt's openvz driver, which drives vzctl on the host. */
@ApplicationScoped
public class OpenVzDriverFactory extends LibvirtDriverFactory {

    private static final Set<String> SCHEMES = Set.of("openvz", "openvz+ssh", "test");

    @Override
    public String id() {
        return "openvz";
    }

    @Override
    Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    String label() {
        return "OpenVZ";
    }

    @Override
    DomainXml dialect(NodeLayout layout) {
        return new OpenVzDomainXml(layout);
    }
}
