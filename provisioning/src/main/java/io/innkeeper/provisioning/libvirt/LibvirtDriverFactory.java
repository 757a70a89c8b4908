package io.innkeeper.provisioning.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import jakarta.inject.Inject;

import io.innkeeper.provisioning.ProvisioningConfig;
import io.innkeeper.provisioning.driver.HypervisorDriver;
import io.innkeeper.provisioning.driver.HypervisorDriverFactory;
import io.innkeeper.provisioning.driver.NodeSettings;

/**
 * What the four libvirt-backed factories share: one connection pool, URI checks by scheme, and the node layout
 * from configuration. Each subclass names its schemes and its domain XML dialect.
 */
abstract class LibvirtDriverFactory implements HypervisorDriverFactory {

    @Inject
    LibvirtConnections connections;

    @Inject
    ProvisioningConfig config;

    @Inject
    LibvirtConfig libvirt;

    /** URI schemes a node of this type may use; {@code test} is libvirt's built-in test driver. */
    abstract Set<String> schemes();

    /** The guest type as people say it, for messages. */
    abstract String label();

    abstract DomainXml dialect(NodeLayout layout);

    @Override
    public void validate(NodeSettings settings) {
        URI uri;
        try {
            uri = new URI(settings.libvirtUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("libvirt URI is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null || !schemes().contains(uri.getScheme())) {
            throw new IllegalArgumentException("a " + label() + " node's libvirt URI starts with one of "
                    + schemes().stream().sorted().toList());
        }
    }

    @Override
    public HypervisorDriver create(NodeSettings settings) {
        validate(settings);
        return new LibvirtDriver(settings.libvirtUri(), connections,
                dialect(layout().withGraphicsListen(VncAddress.listen(settings.libvirtUri()))));
    }

    NodeLayout layout() {
        NetworkAttachment network = libvirt.bridge()
                .<NetworkAttachment>map(NetworkAttachment.Bridge::new)
                .orElseGet(() -> new NetworkAttachment.Network(libvirt.network()));
        return new NodeLayout(config.imageDir(), libvirt.containerRootDir(), libvirt.consoleLogDir(), network,
                libvirt.xenBootloader(), libvirt.xenHvmLoader());
    }
}
