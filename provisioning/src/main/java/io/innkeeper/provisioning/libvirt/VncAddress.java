package io.innkeeper.provisioning.libvirt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a VM's VNC display listens and where the panel reaches it, decided from the node's libvirt URI: the host the
 * panel already reaches libvirt on is the node's management address; a URI without a host (the panel's own machine)
 * means loopback. A display is never bound to every address, so only the panel (and the node itself) reach it.
 */
final class VncAddress {

    private VncAddress() {
    }

    /** The address to listen on: the libvirt URI's host, or loopback when the node is the panel's own host. */
    static String listen(String libvirtUri) {
        return remoteHost(libvirtUri).orElse(NodeLayout.LOOPBACK);
    }

    /**
     * Where the panel connects to a display that listens on {@code listen} (from the live domain XML): that address,
     * or the node's host when it listens everywhere; empty when the panel cannot reach it (a remote node's loopback).
     */
    static Optional<String> reach(String libvirtUri, String listen) {
        Optional<String> remote = remoteHost(libvirtUri);
        if (listen == null || listen.isBlank() || "0.0.0.0".equals(listen) || "::".equals(listen)) {
            return Optional.of(remote.orElse(NodeLayout.LOOPBACK));
        }
        boolean loopback = listen.startsWith("127.") || "::1".equals(listen) || "localhost".equals(listen);
        if (loopback && remote.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(listen);
    }

    private static Optional<String> remoteHost(String libvirtUri) {
        try {
            String host = new URI(libvirtUri).getHost();
            if (host == null || host.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
