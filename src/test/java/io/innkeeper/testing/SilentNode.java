package io.innkeeper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Region;

/**
 * A node that never answers: a libvirt URI ({@code qemu+tcp://127.0.0.1:port/system}) on a local socket that takes
 * connections and sends nothing, so a libvirt call to it hangs as one to a stuck host does. The node is in a region
 * of its own and in maintenance, so no order is placed on it.
 */
@ApplicationScoped
public class SilentNode {

    /** The server's guest on the silent node until closed; closing ends the hanging calls and moves it back. */
    public interface Attached extends AutoCloseable {
        @Override
        void close();
    }

    public Attached attach(UUID serverId) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        });
        UUID node = node("qemu+tcp://127.0.0.1:" + socket.getLocalPort() + "/system");
        UUID previous = moveTo(serverId, node);
        return () -> {
            try {
                socket.close();
                for (Socket s : accepted) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            moveTo(serverId, previous);
            drop(node);
        };
    }

    @Transactional
    UUID node(String uri) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = "silent-" + suffix;
        region.name = "Silent " + suffix;
        region.persist();
        Node n = new Node();
        n.id = UUID.randomUUID();
        n.region = region;
        n.name = "silent-node-" + suffix;
        n.guestType = "kvm";
        n.libvirtUri = uri;
        n.vcpus = 8;
        n.memoryMib = 16_384;
        n.diskGib = 100;
        n.state = NodeState.MAINTENANCE;
        n.createdAt = Instant.now();
        n.persist();
        return n.id;
    }

    @Transactional
    UUID moveTo(UUID serverId, UUID nodeId) {
        Guest guest = Guest.findById(serverId);
        UUID from = guest.node.id;
        guest.node = Node.findById(nodeId);
        return from;
    }

    @Transactional
    void drop(UUID nodeId) {
        Node node = Node.findById(nodeId);
        Region region = node.region;
        node.delete();
        region.delete();
    }
}
