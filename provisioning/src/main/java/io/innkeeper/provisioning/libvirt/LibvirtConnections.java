package io.innkeeper.provisioning.libvirt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.DriverException;

/**
 * One open libvirt connection per node URI, checked before use and reopened after a failure. Calls on one
 * connection are serialised: a libvirt connection is shared, and this keeps the JNA side simple.
 */
@ApplicationScoped
public class LibvirtConnections {

    private static final Logger LOG = Logger.getLogger(LibvirtConnections.class);

    private final Map<String, Pooled> pool = new ConcurrentHashMap<>();

    /** Work to do on an open connection. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T apply(Connect connect) throws LibvirtException;
    }

    public <T> T with(String uri, ConnectionWork<T> work) {
        Pooled pooled = pool.computeIfAbsent(uri, u -> new Pooled());
        pooled.lock.lock();
        try {
            Connect connect = pooled.open(uri);
            try {
                return work.apply(connect);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isConnectionFailure(e)) {
                    pooled.discard();
                }
                throw LibvirtErrors.translate(uri, e);
            }
        } finally {
            pooled.lock.unlock();
        }
    }

    @PreDestroy
    void closeAll() {
        pool.values().forEach(Pooled::discard);
        pool.clear();
    }

    private static final class Pooled {
        final ReentrantLock lock = new ReentrantLock();
        Connect connect;

        Connect open(String uri) {
            try {
                if (connect != null && !isUsable(connect)) {
                    discard();
                }
                if (connect == null) {
                    LibvirtEvents.ensureRunning();
                    connect = new Connect(uri);
                    LOG.infof("opened libvirt connection to %s", uri);
                }
                return connect;
            } catch (LibvirtException e) {
                // Whatever the code, a node we cannot reach now may be reachable later: the host is down, not us.
                throw new DriverException.Transient(uri + ": cannot connect: " + e.getMessage(), e);
            }
        }

        private static boolean isUsable(Connect connect) {
            try {
                return connect.isConnected() && connect.isAlive();
            } catch (LibvirtException e) {
                return false;
            }
        }

        void discard() {
            if (connect != null) {
                try {
                    connect.close();
                } catch (LibvirtException e) {
                    LOG.debugf("closing a broken libvirt connection failed: %s", e.getMessage());
                }
                connect = null;
            }
        }
    }
}
