package io.innkeeper.provisioning.libvirt;

import org.jboss.logging.Logger;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * libvirt's default event loop, registered once before the panel opens its first connection and run on a daemon
 * thread of its own. Only consoles need it: a non-blocking stream learns that the guest wrote something from this
 * loop ({@link LibvirtConsole}). A blocking read would hold the connection's lock until the guest wrote, so the
 * keyboard could not reach a guest that waits for it. Connections opened before the loop was registered are not
 * watched by it; {@link LibvirtConnections} registers it before opening any.
 */
final class LibvirtEvents {

    private static final Logger LOG = Logger.getLogger(LibvirtEvents.class);
    private static volatile boolean running;

    private LibvirtEvents() {
    }

    static synchronized void ensureRunning() {
        if (running) {
            return;
        }
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            LOG.warnf("libvirt's event loop could not be registered, so consoles cannot open: %s", e.getMessage());
            return;
        }
        Thread loop = new Thread(LibvirtEvents::run, "libvirt-events");
        loop.setDaemon(true);
        loop.start();
        running = true;
    }

    private static void run() {
        while (true) {
            try {
                Library.runEventLoop();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LibvirtException | RuntimeException e) {
                // One failed iteration (a callback that threw) must not end every console's loop.
                LOG.warnf("libvirt event loop: %s", e.getMessage());
            }
        }
    }
}
