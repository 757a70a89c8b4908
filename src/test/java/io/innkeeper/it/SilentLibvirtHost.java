package io.innkeeper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "hypervisor host" that accepts TCP connections and never says a word. libvirt's remote driver
 * ({@code qemu+tcp://127.0.0.1:PORT/system}) then waits in {@code virConnectOpen} for the daemon's first answer, so
 * a panel's job that reaches the driver stays inside that call (measured: more than 40 s with virsh), holding its
 * job, until the test kills the panel. {@link #connections()} tells the test that the job has reached the driver.
 */
public final class SilentLibvirtHost implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    public SilentLibvirtHost() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofPlatform().daemon().name("silent-libvirt-host").start(() -> {
            while (!server.isClosed()) {
                try {
                    accepted.add(server.accept());
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** The node URI to give the panel. */
    public String uri() {
        return "qemu+tcp://127.0.0.1:" + server.getLocalPort() + "/system";
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        acceptor.interrupt();
    }
}
