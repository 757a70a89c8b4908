package io.innkeeper.provisioning.libvirt;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/** KVM nodes: libvirt's QEMU driver, or its test driver in development and tests. */
@ApplicationScoped
public class KvmDriverFactory extends LibvirtDriverFactory {

    private static final Set<String> SCHEMES = Set.of("qemu", "qemu+ssh", "qemu+tls", "qemu+tcp", "qemu+unix",
            "test");

    @Override
    public String id() {
        return "kvm";
    }

    @Override
    Set<String> schemes() {
        return SCHEMES;
    }

    @Override
    String label() {
        return "KVM";
    }

    @Override
    DomainXml dialect(NodeLayout layout) {
        return new KvmDomainXml(config.kvmDomainType(), layout);
    }
}
