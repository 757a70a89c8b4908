package io.innkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;

import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.libvirt.LibvirtConfig;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Region;

/**
 * A node whose driver returns real console text without booting a guest: the local libvirtd
 * ({@code qemu:///system}, which bin/test starts) with the server's domain defined but not started, and a console
 * log written where the node keeps them. The panel then reads it as it would any node's: through a libvirt storage
 * pool and a stream. The node is in a region of its own and in maintenance, so no order is ever placed on it.
 */
@ApplicationScoped
public class ConsoleNode {

    public static final String URI = "qemu:///system";

    @Inject
    LibvirtConfig libvirt;

    private final Map<UUID, UUID> previousNodes = new ConcurrentHashMap<>();

    /** Only where bin/test has started libvirtd and said so (it sets INNKEEPER_REAL_GUESTS=1). */
    public static boolean available() {
        return "1".equals(System.getenv("INNKEEPER_REAL_GUESTS"));
    }

    /** Moves the server's guest onto the node, defines its domain there and writes {@code log} as its console. */
    public void attach(UUID serverId, String log) {
        UUID previous = moveTo(serverId, consoleNode());
        previousNodes.put(serverId, previous);
        try {
            Path dir = Files.createDirectories(Path.of(libvirt.consoleLogDir()));
            Files.writeString(dir.resolve(serverId + ".log"), log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        withLibvirt(c -> {
            c.domainDefineXML("<domain type='qemu'><name>ik-console-" + serverId + "</name><uuid>" + serverId
                    + "</uuid><memory unit='MiB'>64</memory><os><type arch='x86_64'>hvm</type></os></domain>")
                    .free();
            return null;
        });
    }

    /** Undoes {@link #attach}: the domain, the log and the pool over the test's log directory go, the guest moves back. */
    public void detach(UUID serverId) {
        withLibvirt(c -> {
            try {
                Domain domain = c.domainLookupByUUID(serverId);
                domain.undefine();
                domain.free();
            } catch (LibvirtException e) {
                // not defined: attach stopped early
            }
            for (String name : c.listStoragePools()) {
                dropIfOurs(c, name);
            }
            for (String name : c.listDefinedStoragePools()) {
                dropIfOurs(c, name);
            }
            return null;
        });
        try {
            Files.deleteIfExists(Path.of(libvirt.consoleLogDir()).resolve(serverId + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UUID previous = previousNodes.remove(serverId);
        if (previous != null) {
            moveTo(serverId, previous);
        }
    }

    private void dropIfOurs(Connect c, String name) throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(name);
        try {
            if (pool.getXMLDesc(0).contains("<path>" + libvirt.consoleLogDir() + "</path>")) {
                if (pool.isActive() != 0) {
                    pool.destroy();
                }
                pool.undefine();
            }
        } finally {
            pool.free();
        }
    }

    UUID consoleNode() {
        return consoleNode("console-node", "kvm", URI);
    }

    /** A node of its own region on the local libvirtd, in maintenance, made on first use. */
    @Transactional
    UUID consoleNode(String name, String guestType, String uri) {
        return Node.<Node>find("name", name).firstResultOptional().orElseGet(() -> {
            Region region = new Region();
            region.id = UUID.randomUUID();
            region.code = name.replace("node", "region");
            region.name = "Region of " + name;
            region.persist();
            Node n = new Node();
            n.id = UUID.randomUUID();
            n.region = region;
            n.name = name;
            n.guestType = guestType;
            n.libvirtUri = uri;
            n.vcpus = 8;
            n.memoryMib = 16_384;
            n.diskGib = 100;
            n.state = NodeState.MAINTENANCE;
            n.createdAt = Instant.now();
            n.persist();
            return n;
        }).id;
    }

    @Transactional
    UUID moveTo(UUID serverId, UUID nodeId) {
        Guest guest = Guest.findById(serverId);
        UUID from = guest.node.id;
        guest.node = Node.findById(nodeId);
        return from;
    }

    private interface Work<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    private static <T> T withLibvirt(Work<T> work) {
        try {
            Connect connect = new Connect(URI);
            try {
                return work.apply(connect);
            } finally {
                connect.close();
            }
        } catch (LibvirtException e) {
            throw new IllegalStateException(URI + ": " + e.getMessage(), e);
        }
    }
}
