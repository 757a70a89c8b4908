package io.innkeeper.provisioning.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.innkeeper.provisioning.ProvisioningConfig;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.HypervisorDriverFactory;
import io.innkeeper.provisioning.driver.NodeSettings;

/** KVM nodes: libvirt's QEMU driver, or its test driver in development and tests. */
@ApplicationScoped
public class KvmDriverFactory implements HypervisorDriverFactory {

    private static final Set<String> SCHEMES = Set.of("qemu", "qemu+ssh", "qemu+tls", "qemu+tcp", "qemu+unix",
            "test");

    @Inject
    LibvirtConnections connections;

    @Inject
    ProvisioningConfig config;

    @Override
    public String id() {
        return "kvm";
    }

    @Override
    public void validate(NodeSettings settings) {
        URI uri;
        try {
            uri = new URI(settings.libvirtUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("libvirt URI is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
            throw new IllegalArgumentException("a KVM node's libvirt URI starts with one of " + SCHEMES);
        }
    }

    @Override
    public HypervisorDriver create(NodeSettings settings) {
        validate(settings);
        return new LibvirtDriver(settings.libvirtUri(), connections, config.kvmDomainType(), config.imageDir());
    }
}
